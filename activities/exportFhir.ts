import type { Bundle } from '@medplum/fhirtypes';
import * as df from 'durable-functions';

import { exportBundle } from '../src/engines/fhir/export';
import { ActivityNames } from '../src/model/names';
import type { StepInput, StepResult } from '../src/model/pipeline';
import { StepInputSchema } from '../src/model/stepInputs';
import { artifactRef } from '../src/store/artifacts';
import { readBuffer } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** Sends fhir-bundle.json to the configured FHIR server as a transaction (conditional creates: a re-send duplicates nothing). */
export async function exportFhir(
  input: StepInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ entries: number; created: number; existing: number }>> {
  const invalid = invalidInput(ActivityNames.exportFhir, StepInputSchema, input);
  if (invalid) return invalid;
  return runStep('exportFhir', input.encounterId, deps, async () => {
    const bundle = JSON.parse(
      (await readBuffer(deps.blobs(), artifactRef(input.encounterId, 'fhir'))).toString('utf8'),
    ) as Bundle;
    const result = await exportBundle(bundle, deps.config());
    return { stats: { entries: result.entries, created: result.created, existing: result.existing } };
  });
}

df.app.activity(ActivityNames.exportFhir, { handler: (input: StepInput) => exportFhir(input) });
