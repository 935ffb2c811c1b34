import { z } from 'zod';

import { NonRetriableError } from '../../src/errors';
import { type TextChunk, TextChunkSchema } from '../../src/model/chunk';
import { type HealthAnalysis, HealthAnalysisSchema } from '../../src/model/health';
import { chunkPlanRef, partialRef } from '../../src/store/artifacts';
import { readJson, writeJson } from '../../src/store/blobIo';
import type { StepDeps } from './deps';
import type { StepOutcome } from './runStep';

/** The chunk of the plan with this index (work blob written by planChunks). */
export async function readChunk(deps: StepDeps, encounterId: string, index: number): Promise<TextChunk> {
  const chunks = await readJson(deps.blobs(), chunkPlanRef(encounterId), z.array(TextChunkSchema));
  const chunk = chunks.find((c) => c.index === index);
  if (!chunk) throw new NonRetriableError('ChunkNotFound', `No chunk ${index} in the plan`);
  return chunk;
}

/** Saves one chunk's analysis as a partial (a work blob), merged later by mergeHealth. */
export async function savePartial(
  deps: StepDeps,
  encounterId: string,
  index: number,
  produced: HealthAnalysis,
): Promise<StepOutcome<{ entities: number }>> {
  const analysis = HealthAnalysisSchema.parse(produced);
  const ref = await writeJson(deps.blobs(), partialRef(encounterId, index), analysis);
  return { ref, stats: { entities: analysis.entities.length }, skipManifest: true };
}
