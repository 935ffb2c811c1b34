import { describe, expect, it } from 'vitest';

import { EventType, type HistoryEvent, historyEvent } from './historyEvent';
import { ActionType, type ActionWire } from './orchestratorState';
import { replayActions, ReplayError } from './replayActions';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const started = (s = 0): HistoryEvent[] => [
  historyEvent(EventType.OrchestratorStarted, t(s)),
  historyEvent(EventType.ExecutionStarted, t(s), { Name: 'O' }),
];
const episode = (s: number, ...events: HistoryEvent[]): HistoryEvent[] => [
  historyEvent(EventType.OrchestratorStarted, t(s)),
  ...events,
];
const scheduledAct = (id: number, name = 'Hello') =>
  historyEvent(EventType.TaskScheduled, t(0), { EventId: id, Name: name });
const completed = (id: number, s = 1) =>
  historyEvent(EventType.TaskCompleted, t(s), { TaskScheduledId: id, Result: '"ok"' });
const failed = (id: number, s = 1) =>
  historyEvent(EventType.TaskFailed, t(s), { TaskScheduledId: id, Reason: 'r', Details: 'd' });
const timerCreated = (id: number) => historyEvent(EventType.TimerCreated, t(0), { EventId: id, FireAt: t(100) });
const timerFired = (id: number, s = 100) => historyEvent(EventType.TimerFired, t(s), { TimerId: id });
const raised = (name: string, s = 1) => historyEvent(EventType.EventRaised, t(s), { Name: name, Input: '1' });

const act = (name = 'Hello', input?: unknown): ActionWire => ({
  actionType: ActionType.CallActivity,
  functionName: name,
  input,
});
const retry = (max: number, first = 1000): ActionWire => ({
  actionType: ActionType.CallActivityWithRetry,
  functionName: 'Hello',
  retryOptions: { firstRetryIntervalInMilliseconds: first, maxNumberOfAttempts: max },
});
const all = (...a: ActionWire[]): ActionWire => ({ actionType: ActionType.WhenAll, compoundActions: a });
const any = (...a: ActionWire[]): ActionWire => ({ actionType: ActionType.WhenAny, compoundActions: a });
const timer = (fireAt: string, isCanceled = false): ActionWire => ({
  actionType: ActionType.CreateTimer,
  fireAt,
  isCanceled,
});
const wait = (name: string): ActionWire => ({ actionType: ActionType.WaitForExternalEvent, externalEventName: name });

function run(history: HistoryEvent[], actions: ActionWire[], isDone = false) {
  return replayActions({ instanceId: 'i', history, state: { isDone, actions: [actions] } });
}
const ids = (events: HistoryEvent[]) =>
  events.map((e) => `${e.EventType === EventType.TimerCreated ? 'timer' : e.Name}#${e.EventId}`);

describe('replayActions', () => {
  it.each([
    ['first episode schedules the first activity', started(), [act()], ['Hello#0']],
    [
      'a completed activity is not rescheduled; the next one gets id 1',
      [...started(), scheduledAct(0), ...episode(1, completed(0))],
      [act(), act('B')],
      ['B#1'],
    ],
    ['fan-out assigns ids in order', [...started()], [all(act('A'), act('B'), act('C'))], ['A#0', 'B#1', 'C#2']],
    [
      'a retry failure adds a timer with the next id',
      [...started(), scheduledAct(0), ...episode(1, failed(0))],
      [retry(3)],
      ['timer#1'],
    ],
    [
      'the fired retry timer reschedules with the next id',
      [...started(), scheduledAct(0), ...episode(1, failed(0)), timerCreated(1), ...episode(2, timerFired(1))],
      [retry(3)],
      ['Hello#2'],
    ],
    [
      'retries in a fan-out take ids in failure order',
      [...started(), scheduledAct(0), scheduledAct(1), ...episode(1, failed(1), failed(0))],
      [all(retry(3), retry(3))],
      ['timer#2', 'timer#3'],
    ],
    [
      'WhenAny continues at the first completion',
      [...started(), scheduledAct(0, 'A'), scheduledAct(1, 'B'), ...episode(1, completed(1))],
      [any(act('A'), act('B')), act('C')],
      ['C#2'],
    ],
    [
      'WhenAll fails fast at the first failure',
      [...started(), scheduledAct(0, 'A'), scheduledAct(1, 'B'), ...episode(1, failed(0))],
      [all(act('A'), act('B')), act('C')],
      ['C#2'],
    ],
    ['external events take no id', started(), [wait('go'), act()], []],
    [
      'a buffered event satisfies a later wait',
      [...started(), ...episode(1, raised('go'))],
      [wait('go'), act()],
      ['Hello#0'],
    ],
  ])('%s', (_label, history, actions, expected) => {
    expect(ids(run(history, actions).scheduled)).toEqual(expected);
  });

  it('computes the retry timer from the failure episode time and the backoff', () => {
    const out = run([...started(), scheduledAct(0), ...episode(5, failed(0, 5))], [retry(3, 2500)]);
    expect(out.timers).toEqual([{ timerId: 1, fireAt: new Date(Date.parse(t(5)) + 2500).toISOString() }]);
  });

  it('schedules exactly the new activities as work items, with JSON inputs', () => {
    const out = run(started(), [all(act('A', '"x"'), act('B', { n: 1 }))]);
    expect(out.activities).toEqual([
      { taskId: 0, name: 'A', input: '"x"' },
      { taskId: 1, name: 'B', input: '{"n":1}' },
    ]);
  });

  it('reports cancelled pending timers and still assigns their ids', () => {
    const history = [...started(), timerCreated(0), scheduledAct(1), ...episode(1, completed(1))];
    const out = run(history, [any(timer(t(100), true), act())], true);
    expect(out.canceledTimers).toEqual([0]);
    expect(out.scheduled).toEqual([]);
  });

  it('detects a non-deterministic orchestrator', () => {
    expect(() => run([...started(), scheduledAct(0, 'Other')], [act('Hello')])).toThrow(ReplayError);
  });

  it('fails a replay that no longer schedules a task the history has (non-deterministic workflow)', () => {
    const history = [...started(), scheduledAct(0), scheduledAct(1, 'B'), ...episode(1, completed(0))];
    expect(() => run(history, [act()], true)).toThrow(/Non-deterministic workflow detected.*'B'.*sequence ID 1/s);
  });

  it('compares task names case-insensitively, as DTF', () => {
    const history = [...started(), scheduledAct(0, 'hello'), ...episode(1, completed(0))];
    expect(run(history, [act('Hello'), act('B')]).scheduled.map((e) => e.Name)).toEqual(['B']);
    expect(() => run(history, [act('Other')])).toThrow(/Non-deterministic/);
  });

  it('returns continueAsNew and does not carry unconsumed events (preserveUnprocessedEvents false)', () => {
    const out = run(
      [...started(), ...episode(1, raised('a'), raised('b'))],
      [wait('a'), { actionType: ActionType.ContinueAsNew, input: { n: 1 } }],
      true,
    );
    expect(out.continueAsNew).toEqual({ input: '{"n":1}' });
    expect(out).not.toHaveProperty('unconsumedEvents');
  });

  it('sends entity calls, signals, lock requests and releases as EventSent with their own sequence numbers', () => {
    const counter = { name: 'Counter', key: 'k' };
    const out = run(started(), [
      { actionType: ActionType.SignalEntity, instanceId: '@counter@k', operation: 'add', input: 1 },
      { actionType: ActionType.LockEntities, lockSet: [counter], lockRequestId: 'lock-1' },
    ]);
    expect(out.scheduled.map((e) => [e.EventType, e.EventId, e.InstanceId])).toEqual([
      [EventType.EventSent, 0, '@counter@k'],
      [EventType.EventSent, 1, '@counter@k'],
    ]);
    expect(out.entityMessages.map((m) => m.request)).toMatchObject([
      { op: 'add', signal: true, input: '1', parent: 'i' },
      { id: 'lock-1', lockSet: ['@counter@k'], position: 0, parent: 'i' },
    ]);
    expect(out.heldLocks).toEqual(['@counter@k']);
    const granted = historyEvent(EventType.EventRaised, t(1), { Name: 'lock-1', Input: '{}' });
    const next = run(
      [...started(), ...out.scheduled, ...episode(1, granted)],
      [
        { actionType: ActionType.SignalEntity, instanceId: '@counter@k', operation: 'add', input: 1 },
        { actionType: ActionType.LockEntities, lockSet: [counter], lockRequestId: 'lock-1' },
        { actionType: ActionType.CallEntity, instanceId: '@counter@k', operation: 'get' },
      ],
    );
    expect(next.scheduled.map((e) => [e.EventId, e.Name])).toEqual([[2, 'get']]);
  });

  it('splits a timer longer than maximumShortTimerDuration under schema V3', () => {
    const day = 86_400_000;
    const limits = { timers: { maxShortMs: 6 * day, intervalMs: 3 * day }, httpSleepMs: 30_000 };
    const fireAt = new Date(Date.parse(t(0)) + 10 * day).toISOString();
    const state = { isDone: false, actions: [[timer(fireAt)]] };
    const first = replayActions({ instanceId: 'i', history: started(), state, schemaV3: limits });
    expect(first.timers).toEqual([{ timerId: 0, fireAt: new Date(Date.parse(t(0)) + 3 * day).toISOString() }]);
    const at3 = new Date(Date.parse(t(0)) + 3 * day).toISOString();
    const fired = [
      historyEvent(EventType.OrchestratorStarted, at3),
      historyEvent(EventType.TimerFired, at3, { TimerId: 0 }),
    ];
    const second = replayActions({
      instanceId: 'i',
      history: [...started(), ...first.scheduled, ...fired],
      state,
      schemaV3: limits,
    });
    // 7 days left is still over 6: another 3-day timer (id 1); from day 6 the final one fits.
    const at6 = new Date(Date.parse(t(0)) + 6 * day).toISOString();
    expect(second.timers).toEqual([{ timerId: 1, fireAt: at6 }]);
    expect(fireAt > at6).toBe(true);
  });

  it('names HTTP calls BuiltIn::HttpActivity', () => {
    const out = run(started(), [{ actionType: ActionType.CallHttp, httpRequest: { method: 'GET', uri: 'http://x' } }]);
    expect(out.activities[0]).toMatchObject({ taskId: 0, name: 'BuiltIn::HttpActivity' });
  });
});
