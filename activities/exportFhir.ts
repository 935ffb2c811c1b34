import * as df from 'durable-functions';

import { exportBundle } from '../src/engines/fhir/export';
import { ActivityNames } from '../src/model/names';
import type { StepInput, StepResult } from '../src/model/pipeline';
import { artifactRef } from '../src/store/artifacts';
import { readBuffer } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { runStep } from './lib/runStep';

/** Sends fhir-bundle.json to the configured FHIR server (a transaction: re-sending is idempotent by conditional ids). */
export async function exportFhir(input: StepInput, deps: StepDeps = defaultDeps): Promise<StepResult> {
  return runStep('exportFhir', input.encounterId, deps, async () => {
    const bundle: unknown = JSON.parse((await readBuffer(deps.blobs(), artifactRef(input.encounterId, 'fhir'))).toString('utf8'));
    const result = await exportBundle(bundle as never, deps.config());
    return { stats: { exported: 1, ...(typeof result === 'object' && result ? pickNumbers(result) : {}) } };
  });
}

function pickNumbers(value: object): Record<string, number> {
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

df.app.activity(ActivityNames.exportFhir, { handler: (input: StepInput) => exportFhir(input) });
