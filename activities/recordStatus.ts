import * as df from 'durable-functions';

import { ActivityNames } from '../src/model/names';
import type { RecordStatusInput, StepResult } from '../src/model/pipeline';
import { RecordStatusInputSchema } from '../src/model/stepInputs';
import { updateManifest } from '../src/store/manifestStore';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';

/** Sets the manifest status (e.g. AwaitingReview), so listings show what waits for a clinician. */
export async function recordStatus(
  input: RecordStatusInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ recorded: number }>> {
  const invalid = invalidInput(ActivityNames.recordStatus, RecordStatusInputSchema, input);
  if (invalid) return invalid;
  await updateManifest(deps.blobs(), input.encounterId, { status: input.status });
  return { ok: true, stats: { recorded: 1 } };
}

df.app.activity(ActivityNames.recordStatus, { handler: (input: RecordStatusInput) => recordStatus(input) });
