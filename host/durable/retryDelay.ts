import type { RetryOptionsWire } from './orchestratorState';

/**
 * Delay before the next attempt after `failures` failed attempts, as the Durable Task Framework's RetryInterceptor
 * computes it: first interval × backoff^(failures−1), capped at the max interval; 0 once the retry timeout, counted
 * from the first attempt, has passed.
 */
export function retryDelay(options: RetryOptionsWire, failures: number, firstAttemptMs: number, nowMs: number): number {
  const timeout = options.retryTimeoutInMilliseconds;
  if (timeout !== undefined && timeout > 0 && nowMs >= firstAttemptMs + timeout) return 0;
  const backoff = options.backoffCoefficient ?? 1;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(backoff, Math.max(0, failures - 1));
  const cap = options.maxRetryIntervalInMilliseconds;
  return cap !== undefined && cap > 0 && delay > cap ? cap : delay;
}
