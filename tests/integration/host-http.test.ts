import fs from 'node:fs';
import path from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestHost, type TestHost } from '../helpers/hostHarness';

const appDir = path.resolve(__dirname, '../fixtures/apps/basic');
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ appDir });
});
afterAll(async () => {
  await host?.stop();
});

const get = (p: string, init?: RequestInit) => fetch(`${host.baseUrl}${p}`, init);

describe('embedded host: HTTP triggers', () => {
  it('writes keys.json on first start and enforces function keys like the host', async () => {
    const keys = JSON.parse(fs.readFileSync(path.join(host.dataDir, 'keys.json'), 'utf8')) as {
      master: string;
      functionKeys: { default: string };
    };
    expect(keys.functionKeys.default).toBe(host.keys.functionKeys.default);
    expect((await get('/api/hello')).status).toBe(401);
    expect((await get('/api/hello?code=wrong')).status).toBe(401);
    const byQuery = await get(`/api/hello?name=ada&code=${encodeURIComponent(keys.functionKeys.default)}`);
    expect(byQuery.status).toBe(200);
    expect(await byQuery.json()).toMatchObject({ hello: 'ada' });
    expect((await get('/api/hello', { headers: { 'x-functions-key': keys.functionKeys.default } })).status).toBe(200);
    expect((await get('/api/hello', { headers: { 'x-functions-key': keys.master } })).status).toBe(200);
  });

  it('opens admin functions and admin routes with the master key only', async () => {
    const fnKey = { 'x-functions-key': host.keys.functionKeys.default ?? '' };
    expect((await get('/api/admin', { headers: fnKey })).status).toBe(401);
    const ok = await get('/api/admin', { headers: { 'x-functions-key': host.keys.master } });
    expect([ok.status, await ok.text()]).toEqual([200, 'admin ok']);
    expect((await get('/admin/host/status', { headers: fnKey })).status).toBe(401);
    expect(await (await get(`/admin/host/status?code=${encodeURIComponent(host.keys.master)}`)).json()).toMatchObject({
      state: 'Running',
    });
  });

  it.each([
    ['/api/items/12', 200, { params: { id: '12' }, method: 'GET' }],
    ['/api/items/12/abc', 200, { params: { id: '12', part: 'abc' }, method: 'GET' }],
    ['/api/ITEMS/7', 200, { params: { id: '7' }, method: 'GET' }],
    ['/api/items/x', 404, undefined],
    ['/api/items/12/a1', 404, undefined],
    ['/api/items/12/abc/more', 404, undefined],
    ['/api/nothing-here', 404, undefined],
    ['/ping', 404, undefined],
  ])('routes %s → %i', async (url, status, body) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    if (body) expect(await res.json()).toEqual(body);
  });

  it('answers 405 with Allow for a known route and a wrong method', async () => {
    const res = await get('/api/ping', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('passes binary bodies through unchanged, with status and headers of the response', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    const res = await get('/api/echo', {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo-length')).toBe(String(bytes.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('delivers multipart form data', async () => {
    const form = new FormData();
    form.set('note', 'plain field');
    form.set('file', new Blob([Buffer.alloc(1234, 1)]), 'audio.wav');
    const res = await get('/api/echo', { method: 'POST', body: form });
    expect(await res.json()).toEqual({ multipart: { note: 'plain field', file: { name: 'audio.wav', size: 1234 } } });
  });

  it('sends stream response bodies and answers 500 when the function throws', async () => {
    const res = await get('/api/stream');
    expect((await res.text()).length).toBe(3000);
    expect((await get('/api/fail')).status).toBe(500);
  });

  it('writes blob and queue outputs and ignores unknown output bindings once', async () => {
    for (const run of [1, 2]) {
      const res = await get('/api/save/note.txt', { method: 'POST', body: `text ${run}` });
      expect(res.status).toBe(202);
    }
    const blob = BlobServiceClient.fromConnectionString(host.connectionString)
      .getContainerClient('results')
      .getBlobClient('note.txt');
    expect((await blob.downloadToBuffer()).toString()).toBe('TEXT 2');
    const queue = QueueServiceClient.fromConnectionString(host.connectionString).getQueueClient('notes');
    const peek = await queue.peekMessages({ numberOfMessages: 10 });
    expect(peek.peekedMessageItems.map((m) => Buffer.from(m.messageText, 'base64').toString())).toEqual([
      'first',
      'second',
      'first',
      'second',
    ]);
    expect(host.logs.filter((l) => l.message.includes('"twilioSms"'))).toHaveLength(1);
  });
});
