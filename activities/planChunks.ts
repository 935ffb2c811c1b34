import * as df from 'durable-functions';

import { planChunks as plan } from '../src/engines/health/planChunks';
import { NonRetriableError } from '../src/errors';
import { ENCOUNTER_LIMITS } from '../src/model/limits';
import { ActivityNames } from '../src/model/names';
import type { PlanChunksInput, StepResult } from '../src/model/pipeline';
import { PlanChunksInputSchema } from '../src/model/stepInputs';
import { TranscriptSchema } from '../src/model/transcript';
import { artifactRef, chunkPlanRef } from '../src/store/artifacts';
import { readJson, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** transcript.json → chunk plan (whole segments, ≤ maxGraphemes each), stored as a work blob. */
export async function planChunks(
  input: PlanChunksInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ chunks: number }>> {
  const invalid = invalidInput(ActivityNames.planChunks, PlanChunksInputSchema, input);
  if (invalid) return invalid;
  return runStep('planChunks', input.encounterId, deps, async () => {
    const transcript = await readJson(deps.blobs(), artifactRef(input.encounterId, 'transcript'), TranscriptSchema);
    const chunks = plan(transcript, input.maxGraphemes);
    if (chunks.length === 0)
      throw new NonRetriableError('EmptyTranscript', 'No speech or text was recognised in the upload');
    if (chunks.length > ENCOUNTER_LIMITS.maxChunks)
      throw new NonRetriableError('TooLarge', `The transcript needs more than ${ENCOUNTER_LIMITS.maxChunks} chunks`);
    const ref = await writeJson(deps.blobs(), chunkPlanRef(input.encounterId), chunks);
    return { ref, stats: { chunks: chunks.length } };
  });
}

df.app.activity(ActivityNames.planChunks, { handler: (input: PlanChunksInput) => planChunks(input) });
