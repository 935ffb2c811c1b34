import df from 'durable-functions';
import { afterEach, describe, expect, it } from 'vitest';

import { EventType } from '../../host/durable/historyEvent';
import { completions, Harness, type OrchestratorFn, scheduled } from './harness';

const hello = (input: unknown) => `Hello, ${String(input)}!`;

const helloSequence: OrchestratorFn = function* (context) {
  const output = [];
  output.push(yield context.df.callActivity('Hello', 'Tokyo'));
  output.push(yield context.df.callActivity('Hello', 'Seattle'));
  output.push(yield context.df.callActivity('Hello', 'London'));
  return output;
};

let h: Harness | undefined;
afterEach(() => h?.close());

describe('conformance: sequences and activities (orchestrator-spec "callActivity()")', () => {
  it('handles a completed series of activity functions (HelloSequence)', async () => {
    h = new Harness({ orchestrators: { HelloSequence: helloSequence }, activities: { Hello: hello } });
    await h.start('HelloSequence');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:Hello', 'TaskScheduled#1:Hello', 'TaskScheduled#2:Hello']);
    expect(completions(h.history())).toEqual(['TaskCompleted->0', 'TaskCompleted->1', 'TaskCompleted->2']);
    expect(h.instance().status).toBe('Completed');
    expect(h.output()).toEqual(['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!']);
    // The final OrchestratorState, exactly (schema V2: one action per yield, inputs pre-encoded by the library).
    expect(h.lastState()).toEqual({
      isDone: true,
      actions: [
        [
          { actionType: 0, functionName: 'Hello', input: '"Tokyo"' },
          { actionType: 0, functionName: 'Hello', input: '"Seattle"' },
          { actionType: 0, functionName: 'Hello', input: '"London"' },
        ],
      ],
      output: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!'],
      schemaVersion: 3, // V4: the schema this host advertises (upperSchemaVersionNew)
    });
  });

  it('allows orchestrations with no yield-statements', async () => {
    h = new Harness({
      orchestrators: {
        NotGenerator: function* () {
          return 'Hello';
        },
      },
    });
    await h.start('NotGenerator');
    await h.runAll();
    expect(h.output()).toBe('Hello');
    expect(scheduled(h.history())).toEqual([]);
    expect(h.lastState()).toMatchObject({ isDone: true, actions: [[]], output: 'Hello' });
  });

  it('schedules an activity function with no input (CallActivityNoInput)', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('ReturnsFour');
    };
    h = new Harness({ orchestrators: { CallActivityNoInput: orch }, activities: { ReturnsFour: () => 4 } });
    await h.start('CallActivityNoInput');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:ReturnsFour']);
    expect(h.output()).toBe(4);
  });

  it.each([0, '', false, null])('handles a completed activity function with falsy input %j', async (falsy) => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('Echo', falsy);
    };
    h = new Harness({ orchestrators: { Falsy: orch }, activities: { Echo: (x) => x } });
    await h.start('Falsy');
    await h.runAll();
    expect(h.instance().status).toBe('Completed');
    expect(h.output()).toBe(falsy);
  });

  it('is yielded twice, only scheduled once', async () => {
    const orch: OrchestratorFn = function* (context) {
      const task = context.df.callActivity('Hello', 'World');
      yield task;
      return yield task;
    };
    h = new Harness({ orchestrators: { Twice: orch }, activities: { Hello: hello } });
    await h.start('Twice');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:Hello']);
    expect(h.output()).toBe('Hello, World!');
  });

  it('passes the orchestration input and ids through (getInput, instanceId, isReplaying)', async () => {
    const orch: OrchestratorFn = function* (context) {
      const first = yield context.df.callActivity('Hello', context.df.getInput());
      return { first, id: context.df.instanceId, replaying: context.df.isReplaying };
    };
    h = new Harness({ orchestrators: { Props: orch }, activities: { Hello: hello } });
    await h.start('Props', { city: 'Oslo' }, 'props-1');
    await h.runAll();
    expect(h.output('props-1')).toEqual({ first: 'Hello, [object Object]!', id: 'props-1', replaying: false });
  });

  it('sets a custom status', async () => {
    const orch: OrchestratorFn = function* (context) {
      context.df.setCustomStatus({ stage: 'one', progress: 0.5 });
      yield context.df.callActivity('Hello', 'World');
      return 'done';
    };
    h = new Harness({ orchestrators: { Custom: orch }, activities: { Hello: hello } });
    await h.start('Custom');
    await h.runAll();
    expect(JSON.parse(h.instance().custom_status ?? 'null')).toEqual({ stage: 'one', progress: 0.5 });
    expect(h.lastState().customStatus).toEqual({ stage: 'one', progress: 0.5 });
  });

  it('uses the public RetryOptions type (sanity of the library under test)', () => {
    expect(new df.RetryOptions(1000, 2).maxNumberOfAttempts).toBe(2);
  });

  it('updates currentUtcDateTime to each episode’s OrchestratorStarted time', async () => {
    const orch: OrchestratorFn = function* (context) {
      const times = [context.df.currentUtcDateTime.toISOString()];
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 30_000));
      times.push(context.df.currentUtcDateTime.toISOString());
      yield context.df.callActivity('Hello', 'x');
      times.push(context.df.currentUtcDateTime.toISOString());
      return times;
    };
    h = new Harness({ orchestrators: { Times: orch }, activities: { Hello: hello } });
    await h.start('Times');
    await h.runAll();
    const starts = h
      .history()
      .filter((e) => e.EventType === EventType.OrchestratorStarted)
      .map((e) => e.Timestamp);
    expect(h.output()).toEqual([starts[0], starts[1], starts[2]]);
    expect(Date.parse(String(starts[1])) - Date.parse(String(starts[0]))).toBe(30_000);
  });

  it('generates the same newGuid values on every replay', async () => {
    const orch: OrchestratorFn = function* (context) {
      const first = context.df.newGuid(context.df.instanceId);
      yield context.df.callActivity('Hello', first);
      const second = context.df.newGuid(context.df.instanceId);
      yield context.df.callActivity('Hello', second);
      return [first, second];
    };
    const seen: unknown[] = [];
    h = new Harness({ orchestrators: { Guids: orch }, activities: { Hello: (x) => (seen.push(x), hello(x)) } });
    await h.start('Guids');
    await h.runAll();
    expect(h.output()).toEqual(seen);
    expect(new Set(seen).size).toBe(2);
  });

  it.each([0, '', false, null])('handles an orchestration function that returns %j', async (falsy) => {
    h = new Harness({
      orchestrators: {
        ReturnsFalsy: function* () {
          return falsy;
        },
      },
    });
    await h.start('ReturnsFalsy');
    await h.runAll();
    expect(h.instance().status).toBe('Completed');
    expect(h.output()).toBe(falsy);
  });
});
