import type { HttpRequest } from '@azure/functions';

import { NonRetriableError } from '../../errors';

/** The cap on every JSON request body (DESIGN.md §7). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body of at most `maxBytes`, counting as it streams: a larger declared length is refused
 * before reading, and a body without a length is cut off as soon as it passes the cap (never read whole).
 * `TooLarge` (413) or `InvalidRequest` (400, not JSON) otherwise.
 */
export async function readJsonBody(request: HttpRequest, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new NonRetriableError('TooLarge', `A JSON body may have at most ${maxBytes} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      parts.push(value);
    }
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts)));
  } catch {
    throw new NonRetriableError('InvalidRequest', 'The body is not valid JSON');
  }
}
