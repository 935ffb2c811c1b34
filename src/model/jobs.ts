import { z } from 'zod';

/**
 * A long-running service job in flight (DESIGN.md §4): an activity submits it and returns this ticket; the
 * orchestrator waits with a durable timer and calls the job's status activity once per poll until it is done.
 * Only job ids travel (no URLs): the status activity rebuilds each URL from the configured endpoint, so an
 * orchestration input can never point the app's identity at another host.
 */
export const JobKindSchema = z.enum(['speechBatch', 'ta4h']);
export type JobKind = z.infer<typeof JobKindSchema>;

export const JobTicketSchema = z.object({
  kind: JobKindSchema,
  /** Service job ids (a batch transcription id, Text Analytics job ids). */
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/))
    .min(1)
    .max(50),
  /** Status checks so far (drives the backoff when the service sends no Retry-After). */
  polls: z.number().int().min(0).max(100_000),
  /** Wait before the next status check: the service's Retry-After, else the backoff. */
  pollAfterSeconds: z.number().min(0).max(3600),
  /** When the job was submitted (ISO): the stage's timing starts there. */
  submittedAt: z.string().datetime(),
});
export type JobTicket = z.infer<typeof JobTicketSchema>;

/** How long the orchestrator waits for a job before failing the encounter with `JobTimeout`. */
export const JOB_DEADLINE_HOURS: Record<JobKind, number> = { speechBatch: 6, ta4h: 1 };

/** Backoff when the service gives no Retry-After: first wait, growth factor, ceiling (seconds). */
export const JOB_BACKOFF: Record<JobKind, { firstSeconds: number; factor: number; maxSeconds: number }> = {
  speechBatch: { firstSeconds: 5, factor: 2, maxSeconds: 60 },
  ta4h: { firstSeconds: 1, factor: 2, maxSeconds: 30 },
};

/** The wait before status check number `polls + 1`: Retry-After (ms) when given, else the kind's backoff. Pure. */
export function nextPollSeconds(kind: JobKind, polls: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(3600, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  const b = JOB_BACKOFF[kind];
  return Math.min(b.maxSeconds, b.firstSeconds * b.factor ** polls);
}

/** A ticket for a job just submitted. */
export function newTicket(kind: JobKind, ids: string[], submittedAt: string, retryAfterMs?: number): JobTicket {
  return { kind, ids, polls: 0, pollAfterSeconds: nextPollSeconds(kind, 0, retryAfterMs), submittedAt };
}

/** The ticket after one more status check that found the job still running. */
export function nextTicket(ticket: JobTicket, retryAfterMs?: number): JobTicket {
  const polls = ticket.polls + 1;
  return { ...ticket, polls, pollAfterSeconds: nextPollSeconds(ticket.kind, polls, retryAfterMs) };
}

/** The result of one status check of a job. */
export type JobPoll<T> = { status: 'running'; retryAfterMs?: number } | { status: 'succeeded'; result: T };
