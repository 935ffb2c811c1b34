import * as df from 'durable-functions';

import { ActivityNames } from '../src/model/names';
import type { RecordStatusInput, StepResult } from '../src/model/pipeline';
import { updateManifest } from '../src/store/manifestStore';
import { defaultDeps, type StepDeps } from './lib/deps';

/** Sets the manifest status (e.g. AwaitingReview), so listings show what waits for a clinician. */
export async function recordStatus(
  input: RecordStatusInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ recorded: number }>> {
  await updateManifest(deps.blobs(), input.encounterId, { status: input.status });
  return { ok: true, stats: { recorded: 1 } };
}

df.app.activity(ActivityNames.recordStatus, { handler: (input: RecordStatusInput) => recordStatus(input) });
