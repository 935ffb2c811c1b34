import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { FunctionInvoker } from '../types';
import { DurableEngine } from './durableEngine';
import { DurableStore } from './durableStore';
import { EventType, historyEvent } from './historyEvent';
import { startInstance } from './instanceCommands';
import { ActionType } from './orchestratorState';
import { WriteBatcher } from './writeBatcher';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-engine-'));
  dirs.push(dir);
  return path.join(dir, 'durable.db');
}

/**
 * A hand-written out-of-process orchestrator speaking the wire protocol directly: one timer 40 days out, then done.
 * (The conformance suite covers the real durable-functions library; this pins the engine's own durability.)
 */
function timerApp(activityCalls: string[], activityGate?: Promise<void>): FunctionInvoker {
  return {
    functions: () => [
      { name: 'Waits', trigger: { name: 'c', type: 'orchestrationTrigger', direction: 'in' }, bindings: {} },
      { name: 'Act', trigger: { name: 'c', type: 'activityTrigger', direction: 'in' }, bindings: {} },
    ],
    invoke: async (name, trigger) => {
      if (name === 'Act') {
        activityCalls.push(String(trigger));
        await activityGate;
        return 'acted';
      }
      const history = (trigger as { history: { EventType: number }[] }).history;
      const fired = history.some((e) => e.EventType === EventType.TimerFired);
      const acted = history.some((e) => e.EventType === EventType.TaskCompleted);
      const actions = [
        { actionType: ActionType.CreateTimer, fireAt: '2026-02-10T00:00:00.000Z', isCanceled: false },
        ...(fired ? [{ actionType: ActionType.CallActivity, functionName: 'Act', input: '"x"' }] : []),
      ];
      return { isDone: acted, actions: [actions], output: acted ? 'finished' : undefined, schemaVersion: 1 };
    },
  };
}

describe('DurableEngine durability', () => {
  it('keeps a 40-day durable timer across a restart and fires it when due', async () => {
    const file = tempDb();
    let clock = Date.parse('2026-01-01T00:00:00.000Z');
    const calls: string[] = [];
    const store1 = new DurableStore(file);
    const e1 = new DurableEngine({ store: store1, invoker: timerApp(calls), log: quiet, clock: () => clock });
    e1.start();
    await startInstance(e1.ctx, 'Waits', 'w1', undefined);
    await e1.whenIdle();
    await e1.stop();
    store1.close();

    const store2 = new DurableStore(file);
    expect(store2.getInstance('w1')?.status).toBe('Running');
    const e2 = new DurableEngine({ store: store2, invoker: timerApp(calls), log: quiet, clock: () => clock });
    e2.start();
    await e2.runUntilIdle((to) => (clock = to));
    expect(clock).toBe(Date.parse('2026-02-10T00:00:00.000Z'));
    expect(store2.getInstance('w1')).toMatchObject({ status: 'Completed', output: '"finished"' });
    expect(calls).toEqual(['x']);
    await e2.stop();
    store2.close();
  });

  it('re-dispatches an activity whose process died before its result was committed (at-least-once)', async () => {
    const file = tempDb();
    const clock = Date.parse('2026-03-01T00:00:00.000Z');
    const calls: string[] = [];
    const store1 = new DurableStore(file);
    const never = new Promise<void>(() => undefined);
    const e1 = new DurableEngine({ store: store1, invoker: timerApp(calls, never), log: quiet, clock: () => clock });
    e1.start();
    await startInstance(e1.ctx, 'Waits', 'w2', undefined);
    await new Promise((r) => setTimeout(r, 100)); // timer already due: the activity starts and hangs
    expect(calls).toEqual(['x']);
    store1.close(); // the "crash": no result was committed

    const store2 = new DurableStore(file);
    const e2 = new DurableEngine({ store: store2, invoker: timerApp(calls), log: quiet, clock: () => clock });
    e2.start();
    await e2.whenIdle();
    expect(calls).toEqual(['x', 'x']);
    expect(store2.getInstance('w2')?.status).toBe('Completed');
    expect(store2.pendingActivities()).toEqual([]);
    await e2.stop();
    store2.close();
  });
});

describe('WriteBatcher', () => {
  it('commits a batch together and isolates a failing write', async () => {
    const store = new DurableStore(':memory:');
    const batcher = new WriteBatcher(store);
    const ok1 = batcher.write(() => store.enqueue('a', null, historyEvent(EventType.EventRaised, 'x'), 0));
    const bad = batcher.write(() => {
      store.enqueue('b', null, historyEvent(EventType.EventRaised, 'x'), 0);
      throw new Error('nope');
    });
    const ok2 = batcher.write(() => store.enqueue('c', null, historyEvent(EventType.EventRaised, 'x'), 0));
    await expect(bad).rejects.toThrow('nope');
    await Promise.all([ok1, ok2]);
    expect(store.readyInstances(0).sort()).toEqual(['a', 'c']);
    store.close();
  });
});
