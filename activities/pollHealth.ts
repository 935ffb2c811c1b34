import * as df from 'durable-functions';

import { createHealthEngine } from '../src/engines/health';
import { NonRetriableError } from '../src/errors';
import { JobTicketSchema, nextTicket } from '../src/model/jobs';
import { ActivityNames } from '../src/model/names';
import type { PollHealthInput, StepResult } from '../src/model/pipeline';
import { defaultDeps, type StepDeps } from './lib/deps';
import { readChunk, savePartial } from './lib/healthPartial';
import { runStep } from './lib/runStep';

/**
 * One status check of the Text Analytics for Health jobs of one chunk: still running → the ticket for the next
 * check; all done → the chunk's partial analysis saved. One round of service calls per invocation.
 */
export async function pollHealth(
  input: PollHealthInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ entities: number }>> {
  return runStep('analyzeHealth', input.encounterId, deps, async () => {
    const ticket = JobTicketSchema.safeParse(input.job);
    if (!ticket.success || ticket.data.kind !== 'ta4h')
      throw new NonRetriableError('InvalidInput', 'pollHealth needs Text Analytics job ids');
    const engine = createHealthEngine(deps.config());
    if (!engine.poll) throw new NonRetriableError('InvalidSettings', 'the configured health engine runs no jobs');
    const chunk = await readChunk(deps, input.encounterId, input.index);
    const polled = await engine.poll([chunk], ticket.data.ids);
    if (polled.status === 'running')
      return { stats: { entities: 0 }, job: nextTicket(ticket.data, polled.retryAfterMs), skipManifest: true };
    return savePartial(deps, input.encounterId, input.index, polled.result);
  });
}

df.app.activity(ActivityNames.pollHealth, { handler: (input: PollHealthInput) => pollHealth(input) });
