import * as df from 'durable-functions';
import { z } from 'zod';

import { createHealthEngine } from '../src/engines/health';
import { NonRetriableError } from '../src/errors';
import { TextChunkSchema } from '../src/model/chunk';
import { HealthAnalysisSchema } from '../src/model/health';
import { ActivityNames } from '../src/model/names';
import type { AnalyzeHealthInput, StepResult } from '../src/model/pipeline';
import { AnalyzeHealthInputSchema } from '../src/model/stepInputs';
import { chunkPlanRef, partialRef } from '../src/store/artifacts';
import { readJson, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** One chunk of the plan → partial health analysis (a work blob); merged later by mergeHealth. */
export async function analyzeHealth(
  input: AnalyzeHealthInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ entities: number }>> {
  const invalid = invalidInput(ActivityNames.analyzeHealth, AnalyzeHealthInputSchema, input);
  if (invalid) return invalid;
  return runStep('analyzeHealth', input.encounterId, deps, async () => {
    const chunks = await readJson(deps.blobs(), chunkPlanRef(input.encounterId), z.array(TextChunkSchema));
    const chunk = chunks.find((c) => c.index === input.index);
    if (!chunk) throw new NonRetriableError('ChunkNotFound', `No chunk ${input.index} in the plan`);
    const analysis = HealthAnalysisSchema.parse(await createHealthEngine(deps.config()).analyze([chunk]));
    const ref = await writeJson(deps.blobs(), partialRef(input.encounterId, input.index), analysis);
    return { ref, stats: { entities: analysis.entities.length }, skipManifest: true };
  });
}

df.app.activity(ActivityNames.analyzeHealth, { handler: (input: AnalyzeHealthInput) => analyzeHealth(input) });
