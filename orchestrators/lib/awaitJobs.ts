import type { OrchestrationContext, Task } from 'durable-functions';

import { JOB_DEADLINE_HOURS, type JobTicket } from '../../src/model/jobs';
import { addHours, type StepResult } from '../../src/model/pipeline';

type Pending = StepResult<unknown> & { ok: true; job: JobTicket };
const pending = (r: StepResult<unknown>): r is Pending => r.ok && r.job !== undefined;

/**
 * Waits for the service jobs some steps submitted (DESIGN.md §4): a durable timer until the earliest next check
 * (the service's Retry-After or backoff, carried by each ticket), then one status activity per pending job, in
 * parallel, until none is pending or the deadline (by job kind) passes, which fails those steps with `JobTimeout`.
 * Replay-safe: time only from `context.df`. Returns the results in their original order.
 */
export function* awaitJobs(
  context: OrchestrationContext,
  results: StepResult<unknown>[],
  poll: (job: JobTicket, index: number) => Task,
): Generator<Task, StepResult<unknown>[], unknown> {
  const current = [...results];
  const first = current.find(pending);
  if (!first) return current;
  const deadline = addHours(context.df.currentUtcDateTime, JOB_DEADLINE_HOURS[first.job.kind]);
  for (;;) {
    const waiting = current.flatMap((r, i) => (pending(r) ? [i] : []));
    if (waiting.length === 0) return current;
    const now = context.df.currentUtcDateTime.getTime();
    if (now >= deadline.getTime()) {
      for (const i of waiting)
        current[i] = { ok: false, code: 'JobTimeout', message: 'The service job did not finish before the deadline' };
      return current;
    }
    const waitHours = Math.min(...waiting.map((i) => (current[i] as Pending).job.pollAfterSeconds)) / 3600;
    const next = addHours(context.df.currentUtcDateTime, waitHours);
    yield context.df.createTimer(next.getTime() < deadline.getTime() ? next : deadline);
    const polled = (yield context.df.Task.all(
      waiting.map((i) => poll((current[i] as Pending).job, i)),
    )) as StepResult<unknown>[];
    waiting.forEach((i, k) => (current[i] = polled[k]!));
  }
}
