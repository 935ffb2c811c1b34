import df from 'durable-functions';
import { afterEach, describe, expect, it } from 'vitest';

import { EventType } from '../../host/durable/historyEvent';
import { sendControl } from '../../host/durable/instanceCommands';
import { type EntityFn, Harness, type OrchestratorFn } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

/** A counter that records every operation it ran, in order (to see interleaving). */
const counter: EntityFn = (context) => {
  const state = context.df.getState(() => ({ value: 0, log: [] as string[] })) as { value: number; log: string[] };
  const input = context.df.getInput() as { by?: string; n?: number } | undefined;
  state.log.push(`${context.df.operationName}:${input?.by ?? ''}`);
  if (context.df.operationName === 'add') state.value += input?.n ?? 0;
  if (context.df.operationName === 'fail') throw new Error('entity says no');
  context.df.setState(state);
  if (context.df.operationName === 'get') context.df.return(state.value);
};

/** Read, then write the value read plus one, as a critical section (lock) or not. */
const incrementer = (locked: boolean): OrchestratorFn =>
  function* (context) {
    const id = new df.EntityId('Counter', 'c');
    const by = context.df.instanceId as string;
    const lock = locked ? yield context.df.lock(id) : undefined;
    const value = (yield context.df.callEntity(id, 'get', { by })) as number;
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000)); // let others run
    yield context.df.callEntity(id, 'add', { by, n: 1 }); // the write after the read
    (lock as { release(): void } | undefined)?.release();
    return value;
  };

describe('conformance: durable entities (issue 15 item 6)', () => {
  it('critical sections exclude other orchestrations until released', async () => {
    h = new Harness({ orchestrators: { Inc: incrementer(true) }, entities: { Counter: counter } });
    await Promise.all([h.start('Inc', undefined, 'a'), h.start('Inc', undefined, 'b')]);
    await h.runAll();
    expect([h.output('a'), h.output('b')].sort()).toEqual([0, 1]);
    const state = JSON.parse(h.store.entities.get('@counter@c')?.state ?? 'null') as { log: string[] };
    // Each orchestration's get and add are adjacent: the other never ran in between.
    const owners = state.log.map((l) => l.split(':')[1]);
    expect(owners[0]).toBe(owners[1]);
    expect(owners[2]).toBe(owners[3]);
    expect(h.store.entities.get('@counter@c')?.lock_owner).toBeNull();
  });

  it('signals are fire-and-forget and keep their order; a failing operation fails only that call', async () => {
    const orch: OrchestratorFn = function* (context) {
      const id = new df.EntityId('Counter', 'k');
      context.df.signalEntity(id, 'add', { n: 2 });
      context.df.signalEntity(id, 'add', { n: 3 });
      let failure = '';
      try {
        yield context.df.callEntity(id, 'fail');
      } catch (e) {
        failure = e instanceof Error ? 'error' : String(e);
      }
      return { value: (yield context.df.callEntity(id, 'get')) as number, failure };
    };
    h = new Harness({ orchestrators: { O: orch }, entities: { Counter: counter } });
    await h.start('O');
    await h.runAll();
    expect(h.output()).toEqual({ value: 5, failure: 'error' });
    expect(h.history().filter((e) => e.EventType === EventType.EventSent)).toHaveLength(4);
  });
});

describe('conformance: locks of an orchestration that ends', () => {
  it('are released when it is terminated inside its critical section, so others can lock', async () => {
    const holdsForever: OrchestratorFn = function* (context) {
      yield context.df.lock(new df.EntityId('Counter', 'c'));
      yield context.df.waitForExternalEvent('never');
    };
    h = new Harness({ orchestrators: { Holds: holdsForever, Inc: incrementer(true) }, entities: { Counter: counter } });
    await h.start('Holds', undefined, 'holder');
    await h.settle();
    expect(h.store.entities.get('@counter@c')?.lock_owner).toBe('holder');
    await h.start('Inc', undefined, 'waiter');
    await h.settle();
    expect(h.instance('waiter').status).toBe('Running'); // waits for the lock
    expect(await sendControl(h.engine.ctx, 'holder', 'terminate', 'stop')).toBe('ok');
    await h.runAll();
    expect(h.instance('waiter').status).toBe('Completed');
    expect(h.store.entities.get('@counter@c')?.lock_owner).toBeNull();
  });
});
