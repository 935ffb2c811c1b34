/**
 * awaitJobs driven step by step, the way the Durable replay drives an orchestrator generator: each yielded task is
 * answered by the test. The context stands in for durable-functions' (clock, timers, Task.all) so the waits,
 * the deadline and the order of polls can be checked exactly; the end-to-end behaviour on a real host is in
 * tests/integration/pipeline-azure-jobs.test.ts.
 */
import type { OrchestrationContext, Task } from 'durable-functions';
import { describe, expect, it } from 'vitest';

import { awaitJobs } from '../../../orchestrators/lib/awaitJobs';
import { type JobTicket, newTicket, nextTicket } from '../../../src/model/jobs';
import type { StepResult } from '../../../src/model/pipeline';

type Yielded =
  { kind: 'timer'; fireAt: Date } | { kind: 'all'; tasks: { kind: 'poll'; job: JobTicket; index: number }[] };

function harness(start = new Date('2026-11-25T10:00:00.000Z')) {
  let now = start;
  const context = {
    df: {
      get currentUtcDateTime() {
        return now;
      },
      createTimer: (fireAt: Date) => ({ kind: 'timer', fireAt }) as unknown as Task,
      Task: { all: (tasks: Task[]) => ({ kind: 'all', tasks }) as unknown as Task },
    },
  } as unknown as OrchestrationContext;
  const poll = (job: JobTicket, index: number) => ({ kind: 'poll', job, index }) as unknown as Task;
  return { context, poll, fire: (at: Date) => (now = at), start };
}

const ok = (stats = {}): StepResult => ({ ok: true, stats });
const pending = (job: JobTicket): StepResult => ({ ok: true, stats: {}, job });
const secondsAfter = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

describe('awaitJobs (orchestrator helper)', () => {
  it('returns at once when no step submitted a job: no timer, no activity', () => {
    const { context, poll } = harness();
    const gen = awaitJobs(context, [ok({ a: 1 }), ok()], poll);
    expect(gen.next()).toEqual({ done: true, value: [ok({ a: 1 }), ok()] });
  });

  it('waits the ticket’s time on a durable timer, then one status activity; follows the next ticket’s Retry-After', () => {
    const { context, poll, fire, start } = harness();
    const ticket = newTicket('speechBatch', ['job-1'], start.toISOString());
    const gen = awaitJobs(context, [pending(ticket)], poll);

    const t1 = gen.next().value as unknown as Yielded;
    expect(t1.kind).toBe('timer');
    expect(secondsAfter(start, (t1 as { fireAt: Date }).fireAt)).toBe(5);
    fire((t1 as { fireAt: Date }).fireAt);
    const p1 = gen.next().value as unknown as Yielded;
    expect(p1).toEqual({ kind: 'all', tasks: [{ kind: 'poll', job: ticket, index: 0 }] });

    const later = nextTicket(ticket, 7000);
    const t2 = gen.next([pending(later)]).value as unknown as { kind: string; fireAt: Date };
    expect(t2.kind).toBe('timer');
    expect(secondsAfter(start, t2.fireAt)).toBe(12);
    fire(t2.fireAt);
    gen.next();
    const done = ok({ segments: 3 });
    expect(gen.next([done])).toEqual({ done: true, value: [done] });
  });

  it('polls every pending job of a fan-out together after the earliest wait, and keeps finished ones', () => {
    const { context, poll, fire, start } = harness();
    const a = { ...newTicket('ta4h', ['a'], start.toISOString()), pollAfterSeconds: 9 };
    const b = { ...newTicket('ta4h', ['b'], start.toISOString()), pollAfterSeconds: 2 };
    const gen = awaitJobs(context, [pending(a), ok({ entities: 4 }), pending(b)], poll);
    const timer = gen.next().value as unknown as { fireAt: Date };
    expect(secondsAfter(start, timer.fireAt)).toBe(2);
    fire(timer.fireAt);
    const polls = gen.next().value as unknown as Yielded;
    expect(polls).toEqual({
      kind: 'all',
      tasks: [
        { kind: 'poll', job: a, index: 0 },
        { kind: 'poll', job: b, index: 2 },
      ],
    });
    const result = gen.next([ok({ entities: 1 }), ok({ entities: 2 })]);
    expect(result).toEqual({ done: true, value: [ok({ entities: 1 }), ok({ entities: 4 }), ok({ entities: 2 })] });
  });

  it('fails a job still running at its deadline with JobTimeout; the last timer stops at the deadline', () => {
    const { context, poll, fire, start } = harness();
    let ticket = { ...newTicket('ta4h', ['slow'], start.toISOString()), pollAfterSeconds: 1500 };
    const gen = awaitJobs(context, [pending(ticket)], poll);
    const fireTimes: number[] = [];
    let step = gen.next();
    while (!step.done) {
      const y = step.value as unknown as Yielded;
      if (y.kind === 'timer') {
        fireTimes.push(secondsAfter(start, y.fireAt));
        fire(y.fireAt);
        step = gen.next();
      } else {
        ticket = { ...nextTicket(ticket), pollAfterSeconds: 1500 };
        step = gen.next([pending(ticket)]);
      }
    }
    // TA4H deadline: 1 h. Waits of 25 min: 1500 s, 3000 s, then capped at 3600 s.
    expect(fireTimes).toEqual([1500, 3000, 3600]);
    expect(step.value).toEqual([{ ok: false, code: 'JobTimeout', message: expect.stringMatching(/deadline/) }]);
  });

  it('passes an expected failure of a status check through (the caller turns it into a Failed encounter)', () => {
    const { context, poll, fire, start } = harness();
    const gen = awaitJobs(context, [pending(newTicket('speechBatch', ['j'], start.toISOString()))], poll);
    fire((gen.next().value as unknown as { fireAt: Date }).fireAt);
    gen.next();
    const failed: StepResult = { ok: false, code: 'BatchTranscriptionFailed', message: 'InvalidData' };
    expect(gen.next([failed])).toEqual({ done: true, value: [failed] });
  });
});
