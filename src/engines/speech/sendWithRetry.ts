import { isRetriableStatus, NonRetriableError, parseRetryAfter, TransientError } from '../../errors';

/** How an Azure call is retried inside the client before the activity's own retry policy takes over. */
export interface RetryPolicy {
  attempts: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, timeoutMs: 120_000, baseDelayMs: 1000, maxDelayMs: 60_000 };

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** The error a failed response stands for: service code and message from an Azure error body when present. */
export async function errorFromResponse(res: Response, what: string): Promise<TransientError | NonRetriableError> {
  let detail = '';
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string }; code?: string; message?: string };
    const e = body.error ?? body;
    detail = [e.code, e.message].filter(Boolean).join(': ');
  } catch {
    // Not JSON: the status says enough.
  }
  const message = `${what} failed with HTTP ${res.status}${detail ? ` (${detail.slice(0, 300)})` : ''}`;
  if (isRetriableStatus(res.status)) {
    const code = res.status === 429 ? 'Throttled' : res.status === 408 ? 'Timeout' : 'ServiceUnavailable';
    return new TransientError(code, message, { retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) });
  }
  return new NonRetriableError(res.status === 401 || res.status === 403 ? 'AuthFailed' : 'RequestRejected', message);
}

/**
 * Sends a request (rebuilt per attempt by `send`) with a per-attempt timeout, retrying 408/429/5xx and network
 * failures: waits the server's Retry-After when given, else exponential backoff. Other 4xx fail at once as
 * NonRetriableError; exhausted retries throw the last TransientError (so the orchestration may retry later).
 */
export async function sendWithRetry(
  what: string,
  send: (signal: AbortSignal) => Promise<Response>,
  policy: RetryPolicy = DEFAULT_RETRY,
  signal?: AbortSignal,
): Promise<Response> {
  const sleep = policy.sleep ?? defaultSleep;
  let last: TransientError | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await send(combined);
      if (res.ok) return res;
      const error = await errorFromResponse(res, what);
      if (error instanceof NonRetriableError) throw error;
      last = error;
    } catch (error) {
      if (error instanceof NonRetriableError) throw error;
      if (signal?.aborted) throw signal.reason;
      if (error instanceof TransientError) last = error;
      else if (timeout.aborted)
        last = new TransientError('Timeout', `${what} timed out after ${policy.timeoutMs} ms`, { cause: error });
      else last = new TransientError('NetworkError', `${what} failed: ${(error as Error).message}`, { cause: error });
    }
    if (attempt < policy.attempts) {
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.min(policy.maxDelayMs, last.retryAfterMs ?? backoff), signal);
    }
  }
  throw last ?? new TransientError('ServiceUnavailable', `${what} failed`);
}

/** Reads a JSON body; a body that is not JSON is a transient fault of the service. */
export async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TransientError('MalformedResponse', `${what} returned malformed JSON (${text.length} bytes)`, {
      cause: error,
    });
  }
}
