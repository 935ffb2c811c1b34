import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { durableExtension } from '../../host/durable/durableExtension';
import { startTestHost, type TestHost, waitFor } from '../helpers/hostHarness';

const appDir = path.join(__dirname, '../fixtures/apps/durable-hello');
let host: TestHost;
const api = (p: string) => `${host.baseUrl}/api${p}`;
const mgmt = (p: string, query = '') =>
  `${host.baseUrl}/runtime/webhooks/durabletask${p}?code=${host.keys.master}${query}`;

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

async function waitForStatus(id: string, status: string): Promise<Record<string, unknown>> {
  return waitFor(
    async () => {
      const body = await json(await fetch(mgmt(`/instances/${id}`)));
      return body.runtimeStatus === status ? body : undefined;
    },
    20_000,
    50,
  );
}

beforeAll(async () => {
  process.env.DURABLE_FIXTURE_HUB = 'DurableFixtureHub';
  host = await startTestHost({ appDir, extensions: [durableExtension()] });
});
afterAll(async () => host?.stop());

describe('durable engine through the real DurableClient (HTTP starter)', () => {
  it('starts an orchestration and waits for its output (waitForCompletionOrCreateCheckStatusResponse)', async () => {
    const res = await fetch(api('/orchestrators/HelloSequence/seq-1?wait=1'), {
      method: 'POST',
      body: JSON.stringify({ cities: ['Oslo', 'Lima'] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(['Hello, Oslo!', 'Hello, Lima!']);
  });

  it('returns createCheckStatusResponse links that work with the system key, and polls to Completed', async () => {
    const res = await fetch(api('/orchestrators/HelloSequence'), { method: 'POST' });
    expect(res.status).toBe(202);
    const links = await json(res);
    expect(Object.keys(links).sort()).toEqual(
      [
        'id',
        'purgeHistoryDeleteUri',
        'restartPostUri',
        'resumePostUri',
        'rewindPostUri',
        'sendEventPostUri',
        'statusQueryGetUri',
        'suspendPostUri',
        'terminatePostUri',
      ].sort(),
    );
    expect(res.headers.get('location')).toBe(links.statusQueryGetUri);
    expect(String(links.statusQueryGetUri)).toContain('taskHub=DurableFixtureHub');
    const status = await waitFor(async () => {
      const r = await fetch(String(links.statusQueryGetUri));
      return r.status === 200 ? json(r) : undefined;
    });
    expect(status).toMatchObject({
      name: 'HelloSequence',
      instanceId: links.id,
      runtimeStatus: 'Completed',
      output: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!'],
    });
    expect(typeof status.createdTime).toBe('string');
    expect(typeof status.lastUpdatedTime).toBe('string');
  });

  it('raises events, suspends, resumes and reads status with history through the client', async () => {
    await fetch(api('/orchestrators/Approval/appr-1'), { method: 'POST' });
    await waitFor(async () => (await json(await fetch(mgmt('/instances/appr-1')))).customStatus !== null);
    expect((await fetch(api('/ops/suspend/appr-1'), { method: 'POST' })).status).toBe(202);
    await waitForStatus('appr-1', 'Suspended');
    expect((await fetch(api('/ops/raise/appr-1'), { method: 'POST', body: JSON.stringify('yes') })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect((await json(await fetch(mgmt('/instances/appr-1')))).runtimeStatus).toBe('Suspended');
    expect((await fetch(api('/ops/resume/appr-1'), { method: 'POST' })).status).toBe(202);
    const done = await waitForStatus('appr-1', 'Completed');
    expect(done).toMatchObject({ output: { approved: 'yes' }, customStatus: { stage: 'done' } });
    const viaClient = await json(await fetch(api('/ops/status/appr-1')));
    expect(viaClient).toMatchObject({ instanceId: 'appr-1', runtimeStatus: 'Completed' });
    // The host's JSON field is historyEvents (durable-functions' DurableOrchestrationStatus reads `history`).
    const raw = await json(await fetch(mgmt('/instances/appr-1', '&showHistory=true&showHistoryOutput=true')));
    const types = (raw.historyEvents as { EventType: string }[]).map((e) => e.EventType);
    expect(types).toContain('EventRaised');
    expect(types).toContain('ExecutionCompleted');
  });

  it('terminates, purges and lists through the client; management payload links use this host', async () => {
    await fetch(api('/orchestrators/Approval/client-1'), { method: 'POST' });
    await waitForStatus('client-1', 'Running');
    const links = await json(await fetch(api('/ops/links/client-1')));
    expect(String(links.statusQueryGetUri)).toContain(
      `${host.baseUrl}/runtime/webhooks/durabletask/instances/client-1?`,
    );
    expect((await fetch(api('/ops/terminate/client-1'), { method: 'POST' })).status).toBe(202);
    const terminated = await waitForStatus('client-1', 'Terminated');
    expect(terminated.output).toBe('by test');
    const ids = (await (await fetch(api('/ops/list/x'))).json()) as string[];
    expect(ids).toContain('client-1');
    expect(await (await fetch(api('/ops/purge/client-1'), { method: 'POST' })).json()).toEqual({ instancesDeleted: 1 });
    expect((await fetch(mgmt('/instances/client-1'))).status).toBe(404);
  });

  it('restarts an instance under a new id (202 with management links)', async () => {
    await fetch(mgmt('/orchestrators/HelloSequence/restart-1'), { method: 'POST' });
    await waitForStatus('restart-1', 'Completed');
    const res = await fetch(mgmt('/instances/restart-1/restart'), { method: 'POST' });
    expect(res.status).toBe(202);
    const newId = String((await json(res)).id);
    expect(newId).not.toBe('restart-1');
    expect((await waitForStatus(newId, 'Completed')).output).toEqual([
      'Hello, Tokyo!',
      'Hello, Seattle!',
      'Hello, London!',
    ]);
  });

  it('hands the orchestrator the flattened activity error, as the Functions host does', async () => {
    await fetch(api('/orchestrators/FailingOrchestration/fail-1'), { method: 'POST' });
    const done = await waitForStatus('fail-1', 'Completed');
    expect((done.output as { caught: string }).caught).toBe("Activity function 'Fails' failed: Result: Failure");
  });
});

describe('durable management API over raw HTTP', () => {
  it('starts with 202 + Location, reports 202 while running, terminates (202, then 410) and reports 200', async () => {
    const res = await fetch(mgmt('/orchestrators/Approval/raw-1'), { method: 'POST', body: '{"x":1}' });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toContain('/runtime/webhooks/durabletask/instances/raw-1');
    await waitFor(async () => (await json(await fetch(mgmt('/instances/raw-1')))).runtimeStatus === 'Running');
    const running = await fetch(mgmt('/instances/raw-1'));
    expect(running.status).toBe(202);
    expect(await running.json()).toMatchObject({
      input: { x: 1 },
      customStatus: { stage: 'awaiting-approval' },
      output: null,
    });
    expect((await fetch(mgmt('/instances/raw-1/terminate', '&reason=stop'), { method: 'POST' })).status).toBe(202);
    await waitForStatus('raw-1', 'Terminated');
    expect((await fetch(mgmt('/instances/raw-1'))).status).toBe(200); // terminated: 200, as HttpApiHandler
    expect((await fetch(mgmt('/instances/raw-1/terminate'), { method: 'POST' })).status).toBe(410);
    expect((await fetch(mgmt('/instances/raw-1/raiseEvent/approval'), { method: 'POST', body: '1' })).status).toBe(410);
  });

  it('purges one instance (200 {instancesDeleted}) and then answers 404', async () => {
    await fetch(mgmt('/orchestrators/HelloSequence/purge-1'), { method: 'POST' });
    await waitForStatus('purge-1', 'Completed');
    const del = await fetch(mgmt('/instances/purge-1'), { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ instancesDeleted: 1 });
    expect((await fetch(mgmt('/instances/purge-1'))).status).toBe(404);
    expect((await fetch(mgmt('/instances/purge-1'), { method: 'DELETE' })).status).toBe(404);
  });

  it('lists with runtimeStatus filter and pages with x-ms-continuation-token', async () => {
    for (const i of [1, 2, 3]) await fetch(mgmt(`/orchestrators/HelloSequence/page-${i}`), { method: 'POST' });
    for (const i of [1, 2, 3]) await waitForStatus(`page-${i}`, 'Completed');
    const ids: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const res: Response = await fetch(mgmt('/instances', '&runtimeStatus=Completed&top=2&instanceIdPrefix=page-'), {
        headers: token ? { 'x-ms-continuation-token': token } : {},
      });
      expect(res.status).toBe(200);
      ids.push(...((await res.json()) as { instanceId: string }[]).map((s) => s.instanceId));
      token = res.headers.get('x-ms-continuation-token');
      pages++;
    } while (token);
    expect(ids.sort()).toEqual(['page-1', 'page-2', 'page-3']);
    expect(pages).toBe(2);
    const purge = await fetch(
      mgmt('/instances', '&runtimeStatus=Completed&instanceIdPrefix=page-&createdTimeFrom=2000-01-01'),
      {
        method: 'DELETE',
      },
    );
    expect(await purge.json()).toEqual({ instancesDeleted: 3 });
  });

  it('hands out management URLs carrying the durabletask_extension system key, never the master key', async () => {
    const systemKey = host.keys.systemKeys.durabletask_extension ?? '';
    expect(systemKey).not.toBe('');
    const res = await fetch(api('/orchestrators/HelloSequence/keys-1'), { method: 'POST' });
    const links = await json(res);
    for (const [name, link] of Object.entries(links)) {
      if (name === 'id') continue;
      const code = new URL(String(link).replace(/[{}]/g, '')).searchParams.get('code');
      expect(code, name).toBe(systemKey);
      expect(String(link), name).not.toContain(host.keys.master);
    }
    const viaClient = await json(await fetch(api('/ops/links/keys-1')));
    expect(JSON.stringify(viaClient)).not.toContain(host.keys.master);
    // The system key opens the Durable APIs only: status yes; the host's admin routes and the dashboard data no.
    const root = `${host.baseUrl}/runtime/webhooks/durabletask`;
    const status = await waitFor(async () => {
      const r = await fetch(String(links.statusQueryGetUri));
      return r.status === 200 ? r : undefined;
    });
    expect(status.status).toBe(200);
    const withSystemKey = { headers: { 'x-functions-key': systemKey } };
    expect((await fetch(`${host.baseUrl}/admin/host/status`, withSystemKey)).status).toBe(401);
    expect((await fetch(`${host.baseUrl}/admin/functions`, withSystemKey)).status).toBe(401);
    expect((await fetch(`${root}/dashboard/instances`, withSystemKey)).status).toBe(401);
    // Function keys do not open the Durable APIs; the master key still does.
    const withFunctionKey = { headers: { 'x-functions-key': host.keys.functionKeys.default ?? '' } };
    expect((await fetch(`${root}/instances/keys-1`, withFunctionKey)).status).toBe(401);
    expect((await fetch(`${root}/instances/keys-1?code=${host.keys.master}`)).status).toBe(200);
    // keys.json keeps it beside the master and function keys.
    const file = JSON.parse(fs.readFileSync(path.join(host.dataDir, 'keys.json'), 'utf8')) as {
      systemKeys: Record<string, string>;
    };
    expect(file.systemKeys.durabletask_extension).toBe(systemKey);
  });

  it('rejects bad input with the documented codes', async () => {
    expect((await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/x`)).status).toBe(401);
    expect((await fetch(mgmt('/orchestrators/NoSuchOrchestrator'), { method: 'POST' })).status).toBe(400);
    const bad = await fetch(mgmt('/orchestrators/HelloSequence'), { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(String((await json(bad)).message)).toContain('not valid JSON');
    await fetch(mgmt('/orchestrators/Approval/dup-1'), { method: 'POST' });
    expect((await fetch(mgmt('/orchestrators/Approval/dup-1'), { method: 'POST' })).status).toBe(409);
    const big = await fetch(mgmt('/orchestrators/HelloSequence'), {
      method: 'POST',
      body: JSON.stringify('x'.repeat(1_100_000)),
    });
    expect(big.status).toBe(413);
    expect(String((await json(big)).message)).toContain('limit of 1048576 bytes');
    // Rewind is only for failed instances: the host's RewindAsync throws → 500 (tests/conformance/managementApi).
    expect((await fetch(mgmt('/instances/dup-1/rewind'), { method: 'POST' })).status).toBe(500);
    expect((await fetch(mgmt('/instances/dup-1/terminate'), { method: 'POST' })).status).toBe(202);
  });

  it('serves dashboard data: counts per status and a per-instance timeline', async () => {
    await fetch(mgmt('/orchestrators/HelloSequence/dash-1'), { method: 'POST' });
    await waitForStatus('dash-1', 'Completed');
    const list = await json(await fetch(mgmt('/dashboard/instances')));
    expect((list.counts as Record<string, number>).Completed).toBeGreaterThan(0);
    const timeline = await json(await fetch(mgmt('/dashboard/instances/dash-1/timeline')));
    const items = timeline.items as {
      kind: string;
      name: string;
      status: string;
      durationMs: number;
      outputBytes: number;
    }[];
    expect(items.map((i) => [i.kind, i.name, i.status])).toEqual([
      ['activity', 'SayHello', 'completed'],
      ['activity', 'SayHello', 'completed'],
      ['activity', 'SayHello', 'completed'],
    ]);
    expect(items[0]?.outputBytes).toBe(Buffer.byteLength('"Hello, Tokyo!"'));
  });
});
