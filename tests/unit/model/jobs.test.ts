import { describe, expect, it } from 'vitest';

import { JobTicketSchema, newTicket, nextPollSeconds, nextTicket } from '../../../src/model/jobs';

describe('job tickets: when the orchestrator checks a service job next', () => {
  it.each([
    ['speechBatch', 0, undefined, 5],
    ['speechBatch', 1, undefined, 10],
    ['speechBatch', 10, undefined, 60],
    ['ta4h', 0, undefined, 1],
    ['ta4h', 3, undefined, 8],
    ['ta4h', 20, undefined, 30],
    ['ta4h', 5, 7000, 7],
    ['speechBatch', 0, 1500, 2],
    ['speechBatch', 0, 0, 1],
    ['speechBatch', 0, 10 * 3600_000, 3600],
  ] as const)('%s after %i checks, Retry-After %s ms → %i s', (kind, polls, retryAfterMs, seconds) => {
    expect(nextPollSeconds(kind, polls, retryAfterMs)).toBe(seconds);
  });

  it('counts checks and keeps what identifies the job', () => {
    const first = newTicket('ta4h', ['a-1', 'b-2'], '2026-11-25T10:00:00.000Z');
    const next = nextTicket(nextTicket(first), 4000);
    expect(next).toEqual({ ...first, polls: 2, pollAfterSeconds: 4 });
    expect(JobTicketSchema.parse(next)).toEqual(next);
  });

  it.each([
    [{ ids: ['https://elsewhere.example/jobs/1'] }],
    [{ ids: ['../x'] }],
    [{ ids: [] }],
    [{ kind: 'other' }],
    [{ pollAfterSeconds: -1 }],
  ])('refuses a ticket that is not ids of a known kind: %j', (bad) => {
    const ticket = { ...newTicket('speechBatch', ['0e7c1a2b-1111'], '2026-11-25T10:00:00.000Z'), ...bad };
    expect(JobTicketSchema.safeParse(ticket).success).toBe(false);
  });
});
