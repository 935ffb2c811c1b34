/** Base error with a stable machine-readable code and whether retrying can help. */
export class ClinscribeError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  constructor(code: string, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable;
  }
}

/** Bad input, a 4xx other than 408/429, a content filter: retrying gives the same answer. */
export class NonRetriableError extends ClinscribeError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
  }
}

/** Throttling, 5xx, timeouts, network: worth another attempt. `retryAfterMs` comes from Retry-After. */
export class TransientError extends ClinscribeError {
  readonly retryAfterMs?: number;
  constructor(code: string, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(code, message, { retriable: true, cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Normalises anything thrown into a ClinscribeError (unknown errors count as transient, RangeErrors as limits). */
export function toError(error: unknown): ClinscribeError {
  if (error instanceof ClinscribeError) return error;
  // A RangeError ("Invalid string length", "Invalid array length"…) is a limit, not a glitch: retrying repeats it.
  if (error instanceof RangeError)
    return new NonRetriableError('ResourceLimit', 'The input exceeds what can be processed', error);
  if (error instanceof Error) return new TransientError('Unexpected', error.message, { cause: error });
  return new TransientError('Unexpected', String(error));
}

const PATH = /(?:[A-Za-z]:)?(?:[\\/][\w.@+~-]+){2,}[\\/]?/g;
const MAX_PUBLIC_MESSAGE = 300;

/**
 * A message fit for API responses, the manifest and custom status: its first line only (no stack), file paths and
 * URLs replaced by `<path>`, at most 300 characters. Details belong in the logs (ids and codes), never here.
 */
export function publicMessage(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  const cleaned = first.replace(PATH, '<path>').trim();
  return cleaned.length > MAX_PUBLIC_MESSAGE ? `${cleaned.slice(0, MAX_PUBLIC_MESSAGE - 1)}…` : cleaned;
}

/** What an activity returns for an expected, non-retriable failure (DESIGN.md §4). */
export interface ActivityFailure {
  ok: false;
  code: string;
  message: string;
}

/** HTTP status → retriable? (408, 429 and 5xx are; other 4xx are not.) */
export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
