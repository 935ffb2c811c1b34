import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestHost, type TestHost } from '../helpers/hostHarness';

// Its own file: `app.setup({enableHttpStream: true})` switches the process-wide @azure/functions into stream mode.
const appDir = path.resolve(__dirname, '../fixtures/apps/streaming');
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ appDir });
});
afterAll(async () => {
  await host?.stop();
});

describe('embedded host: HTTP streaming mode', () => {
  it('streams a large request body to the function', async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 7);
    const res = await fetch(`${host.baseUrl}/api/upload?q=x`, {
      method: 'POST',
      body,
      headers: { 'x-functions-key': host.keys.functionKeys.default ?? '' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: body.length, id: null, q: 'x' });
  });

  it('streams the response body with route parameters, and still enforces keys', async () => {
    const res = await fetch(`${host.baseUrl}/api/ticks/500`);
    expect(res.headers.get('content-type')).toBe('text/plain');
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(lines[499]).toBe('tick 499');
    expect((await fetch(`${host.baseUrl}/api/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
  });
});
