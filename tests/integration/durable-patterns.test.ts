import path from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { durableExtension } from '../../host/durable/durableExtension';
import { startTestHost, type TestHost, waitFor } from '../helpers/hostHarness';

// The sample app covering every Durable Functions application pattern, run end to end on the embedded host.
const appDir = path.join(__dirname, '../fixtures/apps/durable-patterns');
let host: TestHost;
let key: string;

beforeAll(async () => {
  host = await startTestHost({ appDir, extensions: [durableExtension()] });
  key = host.keys.functionKeys.default ?? '';
});
afterAll(async () => host?.stop());

type Links = Record<string, string>;

/** Async HTTP API pattern: start through the app's starter, then poll statusQueryGetUri until it answers 200. */
async function start(name: string, input?: unknown): Promise<Links> {
  const res = await fetch(`${host.baseUrl}/api/orchestrators/${name}?code=${key}`, {
    method: 'POST',
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  expect(res.status).toBe(202);
  const links = (await res.json()) as Links;
  expect(res.headers.get('location')).toBe(links.statusQueryGetUri);
  return links;
}

async function finished(links: Links): Promise<{ runtimeStatus: string; output: unknown; customStatus: unknown }> {
  return waitFor(
    async () => {
      const res = await fetch(String(links.statusQueryGetUri));
      if (res.status === 202) {
        expect(res.headers.get('retry-after')).toBeTruthy();
        return undefined;
      }
      return (await res.json()) as { runtimeStatus: string; output: unknown; customStatus: unknown };
    },
    60_000,
    100,
  );
}

const op = (name: string, id: string, body?: unknown) =>
  fetch(`${host.baseUrl}/api/ops/${name}/${id}?code=${key}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('Durable Functions application patterns on the embedded host', () => {
  it('function chaining', async () => {
    const done = await finished(await start('Chaining'));
    expect(done).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!'],
    });
  });

  it('fan-out/fan-in whose activity writes each file to a blob through an output binding', async () => {
    const files = [
      { name: 'a.txt', content: 'alpha' },
      { name: 'b.txt', content: 'bravo!' },
      { name: 'c.txt', content: 'charlie' },
    ];
    const links = await start('BackupSiteContent', files);
    const done = await finished(links);
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: 18 });
    const container = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('backups');
    for (const f of files) {
      const blob = container.getBlobClient(`${links.id}/${f.name}`);
      expect((await blob.downloadToBuffer()).toString()).toBe(f.content);
    }
  });

  it('async HTTP API: 202 with Location and Retry-After while running, 200 when done', async () => {
    const links = await start('ApprovalWorkflow', { timeoutSeconds: 3600 });
    const running = await waitFor(async () => {
      const res = await fetch(String(links.statusQueryGetUri));
      const body = (await res.json()) as { runtimeStatus: string };
      return body.runtimeStatus === 'Running' ? res : undefined;
    });
    expect(running.status).toBe(202);
    expect(running.headers.get('location')).toBeTruthy();
    expect(running.headers.get('retry-after')).toBeTruthy();
    expect((await op('approve', String(links.id), 'ok')).status).toBe(202);
    expect(await finished(links)).toMatchObject({ runtimeStatus: 'Completed', output: { approved: 'ok' } });
  });

  it('monitor: polls on a durable timer until the job is done', async () => {
    const done = await finished(await start('Monitor', { doneAfter: 3, intervalSeconds: 1 }));
    expect(done).toMatchObject({
      runtimeStatus: 'Completed',
      output: { attempts: 3 },
      customStatus: { attempt: 3, status: 'Completed' },
    });
  });

  it('human interaction: the timer wins when nobody approves', async () => {
    const done = await finished(await start('ApprovalWorkflow', { timeoutSeconds: 1 }));
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { escalated: true } });
  });

  it('aggregator: a counter entity signalled and called from an orchestration, with a critical section (df.lock)', async () => {
    const done = await finished(await start('CounterOrchestration', { key: 'orch-1' }));
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { afterSignals: 8, final: 16 } });
    expect(await (await op('counter', 'orch-1')).json()).toEqual({ entityExists: true, entityState: 16 });
  });

  it('aggregator: client signals and readEntityState, and the /entities routes of the management API', async () => {
    for (const n of [1, 2, 3]) expect((await op('signal', 'client-1', n)).status).toBe(202);
    const state = await waitFor(async () => {
      const body = (await (await op('counter', 'client-1')).json()) as { entityState?: number };
      return body.entityState === 6 ? body : undefined;
    });
    expect(state).toEqual({ entityExists: true, entityState: 6 });
    const root = `${host.baseUrl}/runtime/webhooks/durabletask/entities/Counter`;
    const code = `code=${host.keys.systemKeys.durabletask_extension ?? ''}`;
    const get = await fetch(`${root}/client-1?${code}`);
    expect(get.status).toBe(200);
    expect(await get.json()).toBe(6);
    expect((await fetch(`${root}/nobody?${code}`)).status).toBe(404);
    const add = await fetch(`${root}/client-1?op=add&${code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '4',
    });
    expect(add.status).toBe(202);
    await waitFor(async () => (await (await fetch(`${root}/client-1?${code}`)).json()) === 10);
    expect((await fetch(`${root}/client-1?${code}`, { method: 'DELETE' })).status).toBe(202);
    await waitFor(async () => (await fetch(`${root}/client-1?${code}`)).status === 404);
    expect(await (await op('counter', 'client-1')).json()).toEqual({ entityExists: false });
  });

  it('eternal orchestration: continueAsNew generations', async () => {
    const done = await finished(await start('Eternal', { n: 0, until: 5 }));
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { generations: 5 } });
  });
});
