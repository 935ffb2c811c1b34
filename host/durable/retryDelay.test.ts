import { describe, expect, it } from 'vitest';

import { retryDelay } from './retryDelay';

describe('retryDelay (DTF RetryInterceptor)', () => {
  it.each([
    [{ firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5 }, 1, 0, 1000],
    [{ firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5 }, 3, 0, 1000],
    [{ firstRetryIntervalInMilliseconds: 2000, maxNumberOfAttempts: 6, backoffCoefficient: 2 }, 1, 0, 2000],
    [{ firstRetryIntervalInMilliseconds: 2000, maxNumberOfAttempts: 6, backoffCoefficient: 2 }, 3, 0, 8000],
    [
      {
        firstRetryIntervalInMilliseconds: 2000,
        maxNumberOfAttempts: 6,
        backoffCoefficient: 2,
        maxRetryIntervalInMilliseconds: 60000,
      },
      7,
      0,
      60000,
    ],
    [
      { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5, retryTimeoutInMilliseconds: 5000 },
      1,
      4999,
      1000,
    ],
    [{ firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5, retryTimeoutInMilliseconds: 5000 }, 1, 5000, 0],
  ])('%j after %i failures at +%i ms → %i ms', (options, failures, elapsed, expected) => {
    expect(retryDelay(options, failures, 0, elapsed)).toBe(expected);
  });
});
