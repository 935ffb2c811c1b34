import * as df from 'durable-functions';

import { publicMessage } from '../src/errors';
import { log } from '../src/log';
import { ActivityNames } from '../src/model/names';
import type { RecordFailureInput, StepResult } from '../src/model/pipeline';
import { RecordFailureInputSchema } from '../src/model/stepInputs';
import { updateManifest } from '../src/store/manifestStore';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';

/** Marks the encounter Failed with the failing stage, code and reason; earlier outputs stay where they are. */
export async function recordFailure(
  input: RecordFailureInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ recorded: number }>> {
  const invalid = invalidInput(ActivityNames.recordFailure, RecordFailureInputSchema, input);
  if (invalid) return invalid;
  const message = publicMessage(input.message);
  await updateManifest(deps.blobs(), input.encounterId, {
    status: 'Failed',
    error: { stage: input.stage, code: input.code, message },
  });
  log.warn('encounter.failed', { encounterId: input.encounterId, stage: input.stage, code: input.code });
  return { ok: true, stats: { recorded: 1 } };
}

df.app.activity(ActivityNames.recordFailure, { handler: (input: RecordFailureInput) => recordFailure(input) });
