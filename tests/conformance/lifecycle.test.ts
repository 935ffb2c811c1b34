import { afterEach, describe, expect, it } from 'vitest';

import { EventType } from '../../host/durable/historyEvent';
import { restartInstance, sendControl } from '../../host/durable/instanceCommands';
import { handleManagement } from '../../host/durable/managementApi';
import type { SystemRequest } from '../../host/types';
import { Harness, type OrchestratorFn } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const waitForever: OrchestratorFn = function* (context) {
  context.df.setCustomStatus('waiting');
  return (yield context.df.waitForExternalEvent('go')) as unknown;
};

/** A parent that calls `Child` under `childId` and reports how the call ended. */
const callsChild = (childId?: string): OrchestratorFn =>
  function* (context) {
    try {
      const out = (yield context.df.callSubOrchestrator('Child', 'in', childId)) as unknown;
      return { ok: out };
    } catch (e) {
      return { failed: (e as Error).message.split('\n')[0] };
    }
  };

/** Management API request against the harness's engine (no HTTP server needed). */
function manage(harness: Harness, method: string, path: string, query = '', body = '', type?: string) {
  const req: SystemRequest = {
    method,
    url: new URL(`http://h/runtime/webhooks/durabletask${path}${query ? '?' + query : ''}`),
    headers: type ? { 'content-type': type } : {},
    body: Buffer.from(body),
    params: {},
  };
  const urls = { baseUrl: 'http://h', taskHubName: 'hub', systemKey: 'sys', rpcToken: 't' };
  return handleManagement({ ctx: harness.engine.ctx, urls }, req, path);
}

describe('conformance: terminating a sub-orchestration (issue 15 item 1)', () => {
  it('delivers SubOrchestrationInstanceFailed to the parent, which then completes', async () => {
    h = new Harness({ orchestrators: { Parent: callsChild('child-1'), Child: waitForever } });
    await h.start('Parent', undefined, 'parent');
    await h.settle();
    expect(h.instance('child-1').status).toBe('Running');
    expect(await sendControl(h.engine.ctx, 'child-1', 'terminate', 'stop it')).toBe('ok');
    await h.settle();
    expect(h.instance('child-1').status).toBe('Terminated');
    expect(h.history('parent').map((e) => e.EventType)).toContain(EventType.SubOrchestrationInstanceFailed);
    expect(h.instance('parent').status).toBe('Completed');
    expect((h.output('parent') as { failed: string }).failed).toContain('stop it'); // DTF: Reason = the termination reason
  });
});

describe('conformance: sub-orchestration instance id collisions (issue 15 item 2)', () => {
  it('refuses an id that a running instance holds: the running one is untouched and the parent call fails', async () => {
    h = new Harness({ orchestrators: { Parent: callsChild('busy'), Child: waitForever, Other: waitForever } });
    await h.start('Other', 'mine', 'busy');
    await h.settle();
    const before = h.history('busy');
    await h.start('Parent', undefined, 'parent');
    await h.settle();
    expect(h.instance('busy')).toMatchObject({ name: 'Other', status: 'Running', input: '"mine"' });
    expect(h.history('busy')).toEqual(before);
    expect(h.instance('parent').status).toBe('Completed');
    expect((h.output('parent') as { failed: string }).failed).toMatch(/instance ID of a sub-orchestration must be/);
    // The running instance still completes with its own history.
    await h.raise('busy', 'go', 'own');
    await h.settle();
    expect(h.output('busy')).toBe('own');
  });

  it("refuses the parent's own id", async () => {
    h = new Harness({ orchestrators: { Parent: callsChild('parent'), Child: waitForever } });
    await h.start('Parent', undefined, 'parent');
    await h.settle();
    expect(h.instance('parent').status).toBe('Completed');
    expect((h.output('parent') as { failed: string }).failed).toMatch(/different than the instance ID of a parent/);
  });

  it('refuses an id starting with @ (reserved for entities), as the extension', async () => {
    h = new Harness({ orchestrators: { Parent: callsChild('@counter@x'), Child: waitForever } });
    await h.start('Parent', undefined, 'parent');
    await h.settle();
    expect((h.output('parent') as { failed: string }).failed).toMatch(/must not start with @/);
  });

  it('replaces a finished instance under that id, as a new start would', async () => {
    h = new Harness({ orchestrators: { Parent: callsChild('done-1'), Child: waitForever } });
    await h.start('Child', undefined, 'done-1');
    await h.settle();
    await h.raise('done-1', 'go', 'first');
    await h.settle();
    expect(h.instance('done-1').status).toBe('Completed');
    await h.start('Parent', undefined, 'parent');
    await h.settle();
    await h.raise('done-1', 'go', 'second');
    await h.settle();
    expect(h.output('parent')).toEqual({ ok: 'second' });
  });
});

describe('conformance: restart over a running instance (issue 15 item 4)', () => {
  it('refuses restartWithNewInstanceId=false while the instance runs, keeping its history', async () => {
    h = new Harness({ orchestrators: { Waits: waitForever } });
    await h.start('Waits', 'x', 'r-1');
    await h.settle();
    const before = h.history('r-1');
    const { result } = await restartInstance(h.engine.ctx, 'r-1', undefined);
    expect(result).toBe('conflict');
    await h.settle();
    expect(h.history('r-1')).toEqual(before);
    expect(h.instance('r-1').status).toBe('Running');
    await h.raise('r-1', 'go', 'done');
    await h.settle();
    expect(h.output('r-1')).toBe('done');
    const res = await manage(h, 'POST', '/instances/r-1/restart', 'restartWithNewInstanceId=false');
    expect(res.status).toBe(202); // finished now: a restart under the same id is a new execution
    await h.settle();
    expect(h.instance('r-1').status).toBe('Running');
  });

  it('answers 409 over HTTP for a running instance and 400 for an unknown id', async () => {
    h = new Harness({ orchestrators: { Waits: waitForever } });
    await h.start('Waits', 'x', 'r-2');
    await h.settle();
    expect((await manage(h, 'POST', '/instances/r-2/restart', 'restartWithNewInstanceId=false')).status).toBe(409);
    expect((await manage(h, 'POST', '/instances/nope/restart')).status).toBe(400);
  });
});

describe('management API: purge with filters (issue 15 item 5)', () => {
  it('answers 400 without createdTimeFrom and deletes nothing', async () => {
    h = new Harness({ orchestrators: { Waits: waitForever } });
    await h.start('Waits', 'x', 'p-1');
    await h.settle();
    await h.raise('p-1', 'go', 1);
    await h.settle();
    expect(h.instance('p-1').status).toBe('Completed');
    const res = await manage(h, 'DELETE', '/instances');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('createdTimeFrom');
    expect(h.instance('p-1').status).toBe('Completed');
    const ok = await manage(h, 'DELETE', '/instances', 'createdTimeFrom=2000-01-01T00:00:00Z');
    expect(ok).toMatchObject({ status: 200, body: { instancesDeleted: 1 } });
  });
});
