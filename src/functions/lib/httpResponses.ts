import type { HttpResponseInit } from '@azure/functions';

import { ClinscribeError } from '../../errors';
import { log } from '../../log';

/** A JSON response. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
});

/** `{error: {code, message}}` with the status. */
export const problem = (status: number, code: string, message: string): HttpResponseInit =>
  json(status, { error: { code, message } });

const STATUS_BY_CODE: Record<string, number> = {
  InvalidOptions: 400,
  InvalidRequest: 400,
  InvalidNote: 400,
  UnsupportedType: 415,
  UnsupportedEncoding: 415,
  EmptyUpload: 400,
  TooLarge: 413,
  SpeechUnavailable: 422,
  UploadTooSlow: 408,
  NotFound: 404,
  Conflict: 409,
  Unauthenticated: 401,
  Forbidden: 403,
};

/**
 * Runs a handler and maps failures to responses: expected errors keep their code and message (4xx), anything
 * else is a 500 whose message is not echoed (it may come from a library and carry request data).
 */
export async function respond(route: string, work: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClinscribeError && !error.retriable) {
      return problem(STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
    }
    if (error instanceof ClinscribeError && error.code === 'AuditUnavailable') {
      return problem(503, error.code, error.message);
    }
    log.error('http.failed', { route, code: error instanceof ClinscribeError ? error.code : 'Unexpected' });
    return problem(500, 'InternalError', 'The request could not be completed; try again later');
  }
}
