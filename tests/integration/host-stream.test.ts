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

  it('ends the invocation when the client drops the connection mid-body', async () => {
    const abort = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 300_000) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          abort.abort();
          return;
        }
        sent += 100_000;
        controller.enqueue(new Uint8Array(100_000));
      },
    });
    const before = host.logs.filter((l) => /Executed function|invocation failed/i.test(l.message)).length;
    await expect(
      fetch(`${host.baseUrl}/api/upload`, {
        method: 'POST',
        body,
        duplex: 'half',
        redirect: 'error',
        signal: abort.signal,
        headers: { 'x-functions-key': host.keys.functionKeys.default ?? '' },
      } as RequestInit),
    ).rejects.toThrow();
    const ended = () => host.logs.filter((l) => /Executed function|invocation failed/i.test(l.message)).length > before;
    for (let i = 0; i < 100 && !ended(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended()).toBe(true);
    expect((await fetch(`${host.baseUrl}/api/ticks/2`)).status).toBe(200);
  });
});
