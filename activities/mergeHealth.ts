import * as df from 'durable-functions';

import { mergeAnalyses } from '../src/engines/health/mergeAnalyses';
import { NonRetriableError } from '../src/errors';
import { HealthAnalysisSchema } from '../src/model/health';
import { ENCOUNTER_LIMITS } from '../src/model/limits';
import { ActivityNames } from '../src/model/names';
import type { MergeHealthInput, StepResult } from '../src/model/pipeline';
import { MergeHealthInputSchema } from '../src/model/stepInputs';
import { artifactRef, partialRef } from '../src/store/artifacts';
import { readJson, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** Partial analyses → health.json (deterministic merge); records the whole fan-out as the analyzeHealth stage. */
export async function mergeHealth(
  input: MergeHealthInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ entities: number; relations: number }>> {
  const invalid = invalidInput(ActivityNames.mergeHealth, MergeHealthInputSchema, input);
  if (invalid) return invalid;
  return runStep('analyzeHealth', input.encounterId, deps, async () => {
    const partials = await Promise.all(
      Array.from({ length: input.count }, (_, index) =>
        readJson(deps.blobs(), partialRef(input.encounterId, index), HealthAnalysisSchema),
      ),
    );
    const entities = partials.reduce((sum, partial) => sum + partial.entities.length, 0);
    if (entities > ENCOUNTER_LIMITS.maxEntities)
      throw new NonRetriableError(
        'TooLarge',
        `The encounter has more than ${ENCOUNTER_LIMITS.maxEntities} clinical entities, the limit per encounter`,
      );
    const health = HealthAnalysisSchema.parse(mergeAnalyses(partials));
    const ref = await writeJson(deps.blobs(), artifactRef(input.encounterId, 'health'), health);
    return {
      ref,
      stats: { entities: health.entities.length, relations: health.relations.length },
      patch: { results: { health: ref }, engines: { language: health.engine } },
      stageStartedAt: input.startedAt,
    };
  });
}

df.app.activity(ActivityNames.mergeHealth, { handler: (input: MergeHealthInput) => mergeHealth(input) });
