import './lib/enableHttpStream';

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';

import { WEB_PAGE_HEADERS } from './lib/securityHeaders';
import { staticFile } from './lib/staticFile';

/** `web/` at the app root (dist/src/functions → ../../../web), shipped with the deployment package. */
const WEB_ROOT = resolve(__dirname, '..', '..', '..', 'web');

/**
 * `GET /api/web/{*path}`: the static upload and results pages. Anonymous: they hold no data; the page asks for a
 * function key and sends it with every API call. `/api/web` redirects to `/api/web/` so relative URLs resolve.
 */
export async function serveWeb(request: HttpRequest): Promise<HttpResponseInit> {
  const notFound = { status: 404, headers: { ...WEB_PAGE_HEADERS }, body: 'Not found' };
  const path = request.params.path ?? '';
  if (!path && !new URL(request.url).pathname.endsWith('/'))
    return { status: 301, headers: { ...WEB_PAGE_HEADERS, Location: '/api/web/' } };
  const file = staticFile(WEB_ROOT, path);
  if (!file) return notFound;
  try {
    const body = await readFile(file.path);
    return {
      status: 200,
      headers: { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache', ...WEB_PAGE_HEADERS },
      body,
    };
  } catch {
    return notFound;
  }
}

app.http('web', { methods: ['GET'], route: 'web/{*path}', authLevel: 'anonymous', handler: serveWeb });
