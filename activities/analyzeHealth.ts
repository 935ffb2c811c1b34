import * as df from 'durable-functions';

import { createHealthEngine } from '../src/engines/health';
import { newTicket } from '../src/model/jobs';
import { ActivityNames } from '../src/model/names';
import type { AnalyzeHealthInput, StepResult } from '../src/model/pipeline';
import { AnalyzeHealthInputSchema } from '../src/model/stepInputs';
import { defaultDeps, type StepDeps } from './lib/deps';
import { readChunk, savePartial } from './lib/healthPartial';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/**
 * One chunk of the plan → partial health analysis; with Text Analytics for Health, the submitted jobs instead,
 * which the orchestrator polls with `pollHealth` (no activity waits for a service job).
 */
export async function analyzeHealth(
  input: AnalyzeHealthInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ entities: number }>> {
  const invalid = invalidInput(ActivityNames.analyzeHealth, AnalyzeHealthInputSchema, input);
  if (invalid) return invalid;
  return runStep('analyzeHealth', input.encounterId, deps, async () => {
    const chunk = await readChunk(deps, input.encounterId, input.index);
    const engine = createHealthEngine(deps.config());
    if (engine.submit) {
      const submittedAt = new Date().toISOString();
      const ids = await engine.submit([chunk]);
      if (ids.length > 0) return { stats: { entities: 0 }, job: newTicket('ta4h', ids, submittedAt) };
    }
    return savePartial(deps, input.encounterId, input.index, await engine.analyze([chunk]));
  });
}

df.app.activity(ActivityNames.analyzeHealth, { handler: (input: AnalyzeHealthInput) => analyzeHealth(input) });
