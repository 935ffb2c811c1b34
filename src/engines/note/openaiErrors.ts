import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

import {
  type ClinscribeError,
  isRetriableStatus,
  NonRetriableError,
  parseRetryAfter,
  toError,
  TransientError,
} from '../../errors';

/** Milliseconds a 429/503 asks us to wait: `retry-after-ms` (Azure) or `Retry-After` (seconds or date). */
export function retryAfterOf(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  return Number.isFinite(ms) ? ms : parseRetryAfter(headers?.get('retry-after'));
}

/**
 * Maps an OpenAI SDK failure to our errors: content filter and 4xx (other than 408/429) are NonRetriable with the
 * service's reason; 408, 429, 5xx, timeouts and network failures are Transient (429 keeps Retry-After).
 */
export function toNoteError(error: unknown): ClinscribeError {
  if (error instanceof APIConnectionTimeoutError)
    return new TransientError('OpenAiTimeout', 'The language model did not answer in time', { cause: error });
  if (error instanceof APIConnectionError)
    return new TransientError('OpenAiUnreachable', `The language model endpoint is unreachable: ${error.message}`, {
      cause: error,
    });
  if (error instanceof APIError && typeof error.status === 'number') {
    const reason = (error.message || 'no message').split('\n')[0]!.slice(0, 300);
    if (
      error.code === 'content_filter' ||
      /content.?filter|ResponsibleAIPolicyViolation/i.test(JSON.stringify(error.error ?? ''))
    ) {
      return new NonRetriableError(
        'ContentFiltered',
        `The language model's content filter rejected the request: ${reason}`,
        error,
      );
    }
    if (isRetriableStatus(error.status)) {
      return new TransientError(`OpenAiHttp${error.status}`, `Language model answered ${error.status}: ${reason}`, {
        retryAfterMs: retryAfterOf(error.headers),
        cause: error,
      });
    }
    return new NonRetriableError(
      `OpenAiHttp${error.status}`,
      `Language model answered ${error.status}: ${reason}`,
      error,
    );
  }
  return toError(error);
}
