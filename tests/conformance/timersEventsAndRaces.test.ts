import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { EventType } from '../../host/durable/historyEvent';
import { completions, Harness, type OrchestratorFn, scheduled, T0 } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const DAY = 86_400_000;

const waitOnTimer = (ms: number): OrchestratorFn =>
  function* (context) {
    const fireAt = new Date(context.df.currentUtcDateTime.getTime() + ms);
    yield context.df.createTimer(fireAt);
    return 'Timer fired!';
  };

describe('conformance: createTimer()', () => {
  it('schedules a timer and proceeds after it fires', async () => {
    h = new Harness({ orchestrators: { WaitOnTimer: waitOnTimer(5000) } });
    await h.start('WaitOnTimer');
    await h.settle();
    expect(scheduled(h.history())).toEqual(['TimerCreated#0']);
    expect(h.instance().status).toBe('Running');
    await h.runAll();
    expect(completions(h.history())).toEqual(['TimerFired->0']);
    expect(h.history().find((e) => e.EventType === EventType.TimerCreated)?.FireAt).toBe(
      new Date(T0 + 5000).toISOString(),
    );
    expect(h.output()).toBe('Timer fired!');
    expect(h.lastState()).toEqual({
      isDone: true,
      actions: [[{ actionType: 5, fireAt: new Date(T0 + 5000).toISOString(), isCanceled: false }]],
      output: 'Timer fired!',
      schemaVersion: 3, // V4: the schema this host advertises (upperSchemaVersionNew)
    });
  });

  it('splits a 30-day timer as schema V3 does on Azure Storage: 3-day timers until 6 days are left', async () => {
    h = new Harness({ orchestrators: { WaitOnTimer: waitOnTimer(30 * DAY) } });
    await h.start('WaitOnTimer');
    await h.runAll();
    const fireAts = h
      .history()
      .filter((e) => e.EventType === EventType.TimerCreated)
      .map((e) => (Date.parse(e.FireAt ?? '') - T0) / DAY);
    expect(fireAts).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 30]);
    expect(h.clock).toBe(T0 + 30 * DAY);
    expect(h.output()).toBe('Timer fired!');
  });
});

describe('conformance: waitForExternalEvent()', () => {
  const waitForEvent: OrchestratorFn = function* (context) {
    const data = yield context.df.waitForExternalEvent('start');
    return `Hello, ${String(data)}!`;
  };

  it('waits for an external event, then proceeds when the correctly-named event is received', async () => {
    h = new Harness({ orchestrators: { WaitForExternalEvent: waitForEvent } });
    await h.start('WaitForExternalEvent');
    await h.settle();
    expect(h.lastState()).toMatchObject({ isDone: false, actions: [[{ actionType: 6, externalEventName: 'start' }]] });
    await h.raise('inst', 'start', 'Tokyo');
    await h.settle();
    expect(h.output()).toBe('Hello, Tokyo!');
  });

  it('does not proceed when an incorrectly-named event is received', async () => {
    h = new Harness({ orchestrators: { WaitForExternalEvent: waitForEvent } });
    await h.start('WaitForExternalEvent');
    await h.settle();
    await h.raise('inst', 'wrongEvent', 'Tokyo');
    await h.settle();
    expect(h.instance().status).toBe('Running');
    expect(completions(h.history())).toEqual(['EventRaised:wrongEvent']);
  });

  it('buffers events raised before the orchestrator waits for them', async () => {
    const orch: OrchestratorFn = function* (context) {
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60_000));
      const a = yield context.df.waitForExternalEvent('approval');
      return a;
    };
    h = new Harness({ orchestrators: { Buffered: orch } });
    await h.start('Buffered');
    await h.settle();
    await h.raise('inst', 'approval', { ok: true });
    await h.settle();
    expect(h.instance().status).toBe('Running');
    await h.runAll();
    expect(h.output()).toEqual({ ok: true });
  });
});

describe('conformance: Task.all() and Task.any()', () => {
  const anyAOrB: OrchestratorFn = function* (context) {
    const winner = yield context.df.Task.any([
      context.df.callActivity('TaskA', true),
      context.df.callActivity('TaskB', true),
    ]);
    return winner.result;
  };

  it('Task.any proceeds when a scheduled parallel task completes', async () => {
    h = new Harness({ orchestrators: { AnyAOrB: anyAOrB }, activities: { TaskA: () => 'A', TaskB: () => 'B' } });
    await h.start('AnyAOrB');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:TaskA', 'TaskScheduled#1:TaskB']);
    expect(['A', 'B']).toContain(h.output());
  });

  const timerActivityRace: OrchestratorFn = function* (context) {
    const timer = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
    const a = context.df.callActivity('TaskA');
    const winner = yield context.df.Task.any([timer, a]);
    if (winner === a) {
      yield context.df.callActivity('TaskB');
      return a.result;
    }
    return 'Timer finished';
  };

  it('timer/activity race where the activity wins (GetTimerActivityRaceActivityWinsHistory ids)', async () => {
    h = new Harness({
      orchestrators: { TimerActivityRace: timerActivityRace },
      activities: { TaskA: () => 'A done', TaskB: () => 'B done' },
    });
    await h.start('TimerActivityRace');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TimerCreated#0', 'TaskScheduled#1:TaskA', 'TaskScheduled#2:TaskB']);
    expect(h.output()).toBe('A done');
  });

  it('timer/activity race where the timer wins', async () => {
    const harness = new Harness({
      orchestrators: { TimerActivityRace: timerActivityRace },
      activities: {
        TaskA: () => {
          harness.clock += 5000; // a slow activity: the 1 s timer fires first
          return 'A done';
        },
      },
    });
    h = harness;
    await h.start('TimerActivityRace');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TimerCreated#0', 'TaskScheduled#1:TaskA']);
    expect(h.output()).toBe('Timer finished');
  });

  const anyWithTaskSet: OrchestratorFn = function* (context) {
    const timeout = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 300_000));
    const all = context.df.Task.all([
      context.df.waitForExternalEvent('firstRequiredEvent'),
      context.df.waitForExternalEvent('secondRequiredEvent'),
    ]);
    const winner = yield context.df.Task.any([all, timeout]);
    if (winner === timeout) return ['timeout'];
    const ok = yield context.df.callActivity('Hello', 'Tokyo');
    timeout.cancel();
    return [ok];
  };

  it('Task.any with a task set and a timer where the set wins, cancelling the timer', async () => {
    h = new Harness({
      orchestrators: { AnyWithTaskSet: anyWithTaskSet },
      activities: { Hello: (x) => `Hello, ${String(x)}!` },
    });
    await h.start('AnyWithTaskSet');
    await h.settle();
    await h.raise('inst', 'firstRequiredEvent', 1);
    await h.raise('inst', 'secondRequiredEvent', 2);
    await h.settle();
    expect(h.output()).toEqual(['Hello, Tokyo!']);
    expect(scheduled(h.history())).toEqual(['TimerCreated#0', 'TaskScheduled#1:Hello']);
    const timerActions = h.lastState().actions.flat(3) as {
      actionType: number;
      compoundActions?: { isCanceled?: boolean }[];
    }[];
    expect(JSON.stringify(timerActions)).toContain('"isCanceled":true');
    // The cancelled timer no longer waits in the store.
    expect(h.store.nextVisibleAfter(h.clock)).toBeUndefined();
  });

  it('Task.any with a task set and a timer where the timer wins', async () => {
    h = new Harness({
      orchestrators: { AnyWithTaskSet: anyWithTaskSet },
      activities: { Hello: (x) => `Hello, ${String(x)}!` },
    });
    await h.start('AnyWithTaskSet');
    await h.settle();
    await h.raise('inst', 'firstRequiredEvent', 1);
    await h.runAll();
    expect(h.output()).toEqual(['timeout']);
    expect(completions(h.history())).toEqual(['EventRaised:firstRequiredEvent', 'TimerFired->0']);
  });
});

describe('conformance: continueAsNew()', () => {
  it('restarts with the new input and a fresh history until the orchestrator returns', async () => {
    const counter: OrchestratorFn = function* (context) {
      const value = ((context.df.getInput() as { value?: number } | undefined)?.value ?? 0) + 1;
      yield context.df.callActivity('Tick', value);
      if (value < 3) {
        context.df.continueAsNew({ value });
        return value;
      }
      return `done at ${value}`;
    };
    let ticks = 0;
    h = new Harness({ orchestrators: { ContinueAsNewCounter: counter }, activities: { Tick: () => ++ticks } });
    await h.start('ContinueAsNewCounter');
    await h.runAll();
    expect(h.instance().status).toBe('Completed');
    expect(h.output()).toBe('done at 3');
    expect(ticks).toBe(3);
    // Only the last generation's history remains, ids restart at 0.
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:Tick']);
    expect(h.history().find((e) => e.EventType === EventType.ExecutionStarted)?.Input).toBe('{"value":2}');
  });

  it('drops events the previous generation did not consume (preserveUnprocessedEvents false, as the JS path)', async () => {
    const loop: OrchestratorFn = function* (context) {
      const n = (context.df.getInput() as number | undefined) ?? 0;
      const e = yield context.df.waitForExternalEvent('item');
      if (n + 1 < 2) {
        context.df.continueAsNew(n + 1);
        return undefined;
      }
      return `last ${String(e)}`;
    };
    h = new Harness({ orchestrators: { Loop: loop } });
    await Promise.all([h.start('Loop'), h.raise('inst', 'item', 'a'), h.raise('inst', 'item', 'b')]);
    await h.settle();
    // Both events reached the first generation in one episode: 'b' was not consumed and is gone.
    expect(h.instance().status).toBe('Running');
    expect(h.history().filter((e) => e.EventType === EventType.EventRaised)).toEqual([]);
    await h.raise('inst', 'item', 'c');
    await h.settle();
    expect(h.output()).toBe('last c');
  });
});

describe('conformance: callHttp() (schema V3: the orchestration polls a 202 with durable timers)', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('polls a 202 + Location until the final response: one BuiltIn::HttpActivity per request, timers between', async () => {
    let polls = 0;
    server = createServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(202, { Location: '/status', 'Retry-After': '0' }).end();
      } else if (++polls < 2) {
        res.writeHead(202, { Location: '/status', 'Retry-After': '0' }).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"done":true}');
      }
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/start`;
    const orch: OrchestratorFn = function* (context) {
      const res = yield context.df.callHttp({ method: 'POST', url, body: { a: 1 } });
      return { status: res.statusCode, content: res.content };
    };
    h = new Harness({ orchestrators: { HttpSendRequest: orch } });
    await h.start('HttpSendRequest');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'TaskScheduled#0:BuiltIn::HttpActivity',
      'TimerCreated#1',
      'TaskScheduled#2:BuiltIn::HttpActivity',
      'TimerCreated#3',
      'TaskScheduled#4:BuiltIn::HttpActivity',
    ]);
    expect(h.output()).toEqual({ status: 200, content: '{"done":true}' });
    expect(polls).toBe(2);
  });
});
