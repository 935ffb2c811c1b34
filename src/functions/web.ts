import './lib/enableHttpStream';

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';

import { staticFile } from './lib/staticFile';

/** `web/` at the app root (dist/src/functions → ../../../web), shipped with the deployment package. */
const WEB_ROOT = resolve(__dirname, '..', '..', '..', 'web');

/**
 * `GET /api/web/{*path}`: the static upload and results pages. Anonymous: they hold no data; the page asks for a
 * function key and sends it with every API call.
 */
export async function serveWeb(request: HttpRequest): Promise<HttpResponseInit> {
  const file = staticFile(WEB_ROOT, request.params.path ?? '');
  if (!file) return { status: 404, body: 'Not found' };
  try {
    const body = await readFile(file.path);
    return {
      status: 200,
      headers: { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' },
      body,
    };
  } catch {
    return { status: 404, body: 'Not found' };
  }
}

app.http('web', { methods: ['GET'], route: 'web/{*path}', authLevel: 'anonymous', handler: serveWeb });
