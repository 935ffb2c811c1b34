import { afterEach, describe, expect, it } from 'vitest';

import { handleManagement } from '../../host/durable/managementApi';
import type { SystemRequest } from '../../host/types';
import { Harness, type OrchestratorFn } from './harness';

// The management API's status codes against HttpApiHandler (Azure/azure-functions-durable-extension), through the
// same handler the host serves, over the engine with a fake clock. The table is in docs/host.md.
let h: Harness | undefined;
afterEach(() => h?.close());

const waits: OrchestratorFn = function* (context) {
  return (yield context.df.waitForExternalEvent('go')) as unknown;
};
let attempts = 0;
const failsOnce: OrchestratorFn = function* (context) {
  const out = (yield context.df.callActivity('Flaky', 'x')) as string;
  return `done ${out}`;
};

function harness(): Harness {
  attempts = 0;
  return new Harness({
    orchestrators: { Waits: waits, FailsOnce: failsOnce },
    activities: {
      Flaky: () => {
        if (++attempts === 1) throw new Error('first attempt fails');
        return 'second';
      },
    },
  });
}

async function call(method: string, path: string, query = '', body = '', type?: string) {
  const req: SystemRequest = {
    method,
    url: new URL(`http://h/runtime/webhooks/durabletask${path}${query ? '?' + query : ''}`),
    headers: type ? { 'content-type': type } : {},
    body: Buffer.from(body),
    params: {},
  };
  const urls = { baseUrl: 'http://h', taskHubName: 'hub', systemKey: 'sys', rpcToken: 't' };
  if (!h) throw new Error('no harness');
  return handleManagement({ ctx: h.engine.ctx, urls }, req, path);
}

async function running(id: string) {
  await h?.start('Waits', undefined, id);
  await h?.settle();
}

describe('management API status codes (as HttpApiHandler)', () => {
  it('GET status: running → 202 with Location and Retry-After; terminated → 200; unknown → 404', async () => {
    h = harness();
    await running('s-1');
    const res = await call('GET', '/instances/s-1');
    expect(res.status).toBe(202);
    expect(res.headers?.Location).toContain('/runtime/webhooks/durabletask/instances/s-1');
    expect(res.headers?.['Retry-After']).toBe('5');
    expect((await call('POST', '/instances/s-1/terminate', 'reason=x')).status).toBe(202);
    await h.settle();
    expect((await call('GET', '/instances/s-1')).status).toBe(200);
    expect((await call('GET', '/instances/nope')).status).toBe(404);
  });

  it('GET status of a failed instance: 200, or 500 with returnInternalServerErrorOnFailure', async () => {
    h = new Harness({
      orchestrators: { FailsOnce: failsOnce },
      activities: { Flaky: () => Promise.reject(new Error('always')) },
    });
    await h.start('FailsOnce', undefined, 'f-1');
    await h.settle();
    expect(h.instance('f-1').status).toBe('Failed');
    expect((await call('GET', '/instances/f-1')).status).toBe(200);
    expect((await call('GET', '/instances/f-1', 'returnInternalServerErrorOnFailure=true')).status).toBe(500);
  });

  it('refuses invalid instance ids with 400', async () => {
    h = harness();
    expect((await call('POST', '/orchestrators/Waits/@bad')).status).toBe(400);
    expect((await call('POST', `/orchestrators/Waits/${'x'.repeat(257)}`)).status).toBe(400);
    expect((await call('POST', '/orchestrators/Waits/a%23b'.replace('%23', '#'))).status).toBe(400);
    expect((await call('POST', '/orchestrators/Waits/good-id')).status).toBe(202);
  });

  it('raiseEvent: 404 unknown, 400 without JSON content type or with invalid JSON, 202, then 410 when finished', async () => {
    h = harness();
    expect((await call('POST', '/instances/nope/raiseEvent/go', '', '1', 'application/json')).status).toBe(404);
    await running('e-1');
    expect((await call('POST', '/instances/e-1/raiseEvent/go', '', '1', 'text/plain')).status).toBe(400);
    expect((await call('POST', '/instances/e-1/raiseEvent/go', '', '1')).status).toBe(400);
    expect((await call('POST', '/instances/e-1/raiseEvent/go', '', '{x', 'application/json')).status).toBe(400);
    expect((await call('POST', '/instances/e-1/raiseEvent/go', '', '"yes"', 'application/json')).status).toBe(202);
    await h.settle();
    expect(h.output('e-1')).toBe('yes');
    expect((await call('POST', '/instances/e-1/raiseEvent/go', '', '1', 'application/json')).status).toBe(410);
  });

  it('purge one instance: 404 unknown, 200 with 0 while it runs (nothing deleted), 200 with 1 when finished', async () => {
    h = harness();
    expect((await call('DELETE', '/instances/nope')).status).toBe(404);
    await running('p-1');
    expect(await call('DELETE', '/instances/p-1')).toMatchObject({ status: 200, body: { instancesDeleted: 0 } });
    expect(h.instance('p-1').status).toBe('Running');
    await call('POST', '/instances/p-1/terminate');
    await h.settle();
    expect(await call('DELETE', '/instances/p-1')).toMatchObject({ status: 200, body: { instancesDeleted: 1 } });
  });

  it('rewind: 404 unknown, 500 while running, 202 for a failed instance which then completes, 410 when completed', async () => {
    h = harness();
    expect((await call('POST', '/instances/nope/rewind')).status).toBe(404);
    await running('r-1');
    expect((await call('POST', '/instances/r-1/rewind')).status).toBe(500);
    await h.start('FailsOnce', undefined, 'rw-1');
    await h.settle();
    expect(h.instance('rw-1').status).toBe('Failed');
    expect((await call('POST', '/instances/rw-1/rewind', 'reason=retry')).status).toBe(202);
    await h.settle();
    expect(h.instance('rw-1').status).toBe('Completed');
    expect(h.output('rw-1')).toBe('done second');
    expect((await call('POST', '/instances/rw-1/rewind')).status).toBe(410);
  });

  it('answers 404 (not 405) for a method the route does not serve, as the host', async () => {
    h = harness();
    await running('m-1');
    expect((await call('POST', '/instances/m-1')).status).toBe(404);
    expect((await call('GET', '/instances/m-1/terminate')).status).toBe(404);
    expect((await call('POST', '/instances')).status).toBe(404);
  });
});
