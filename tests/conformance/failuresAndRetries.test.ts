import df from 'durable-functions';
import { afterEach, describe, expect, it } from 'vitest';

import { EventType } from '../../host/durable/historyEvent';
import { completions, Harness, type OrchestratorFn, scheduled, T0 } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const hello = (input: unknown) => `Hello, ${String(input)}!`;

/** An activity that fails its first `n` calls per input, then succeeds. */
function flaky(n: number) {
  const calls = new Map<string, number>();
  return (input: unknown) => {
    const key = JSON.stringify(input);
    const c = (calls.get(key) ?? 0) + 1;
    calls.set(key, c);
    if (c <= n) throw new Error(`boom ${c}`);
    return hello(input);
  };
}

const withRetry = (options: InstanceType<typeof df.RetryOptions>): OrchestratorFn =>
  function* (context) {
    return yield context.df.callActivityWithRetry('Hello', options, context.df.getInput());
  };

describe('conformance: error handling (orchestrator-spec "Error Handling")', () => {
  it('reports an unhandled exception from an activity passed through the orchestrator, flattened as on Azure', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('ThrowsErrorActivity');
    };
    h = new Harness({
      orchestrators: { DoesntHandle: orch },
      activities: {
        ThrowsErrorActivity: () => {
          throw new Error('Activity threw');
        },
      },
    });
    await h.start('DoesntHandle');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    const state = h.lastState();
    expect(state.isDone).toBe(false);
    // durable-functions v3 hands the orchestrator Error(`${Reason} \n ${Details}`).
    expect(state.error).toMatch(
      /^Activity function 'ThrowsErrorActivity' failed: Result: Failure\nException: Activity threw\n/,
    );
    expect(state.error).toContain(' \n {');
    expect(String(h.output())).toMatch(
      /^Orchestrator function 'DoesntHandle' failed: Activity function 'ThrowsErrorActivity' failed/,
    );
    const failed = h.history().find((e) => e.EventType === EventType.TaskFailed);
    expect(failed?.Reason).toContain("Activity function 'ThrowsErrorActivity' failed: ");
  });

  it('schedules an activity function after the orchestrator catches an exception', async () => {
    const orch: OrchestratorFn = function* (context) {
      try {
        yield context.df.callActivity('ThrowsErrorActivity');
      } catch (e) {
        return yield context.df.callActivity('Hello', (e as Error).message.includes('kaboom') ? 'caught' : 'other');
      }
      return 'not reached';
    };
    h = new Harness({
      orchestrators: { Catches: orch },
      activities: {
        ThrowsErrorActivity: () => {
          throw new Error('kaboom');
        },
        Hello: hello,
      },
    });
    await h.start('Catches');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:ThrowsErrorActivity', 'TaskScheduled#1:Hello']);
    expect(h.output()).toBe('Hello, caught!');
  });

  it('reports an unhandled exception from the orchestrator', async () => {
    const orch: OrchestratorFn = function* () {
      throw new Error('Exception from Orchestrator');
    };
    h = new Harness({ orchestrators: { Throws: orch } });
    await h.start('Throws');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(h.output()).toBe("Orchestrator function 'Throws' failed: Exception from Orchestrator");
  });

  it("doesn't allow yielding non-Task types", async () => {
    const orch: OrchestratorFn = function* () {
      yield 4;
    };
    h = new Harness({ orchestrators: { YieldInteger: orch } });
    await h.start('YieldInteger');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(String(h.output())).toContain('Durable Functions programming constraint violation');
  });

  it('fails an orchestration that calls an unknown activity with a clear reason', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('NoSuchActivity');
    };
    h = new Harness({ orchestrators: { Unknown: orch } });
    await h.start('Unknown');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(String(h.output())).toContain("Activity function 'NoSuchActivity' does not exist.");
  });

  it('fails an entity call to an entity the app does not define, with a clear error the orchestrator can catch', async () => {
    const orch: OrchestratorFn = function* (context) {
      try {
        yield context.df.callEntity(new df.EntityId('counter', 'a'), 'add', 1);
        return 'OK';
      } catch (e) {
        return `caught: ${String((e as Error).message)}`;
      }
    };
    h = new Harness({ orchestrators: { CallEntitySet: orch } });
    await h.start('CallEntitySet');
    await h.runAll();
    expect(h.instance().status).toBe('Completed');
    expect(String(h.output())).toContain("Entity function 'counter' does not exist.");
  });
});

describe('conformance: callActivityWithRetry()', () => {
  it('retries a failed activity: TaskFailed → TimerCreated → TimerFired → TaskScheduled, then succeeds', async () => {
    h = new Harness({
      orchestrators: { Retry: withRetry(new df.RetryOptions(10000, 2)) },
      activities: { Hello: flaky(1) },
    });
    await h.start('Retry', 'World');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['TaskScheduled#0:Hello', 'TimerCreated#1', 'TaskScheduled#2:Hello']);
    expect(completions(h.history())).toEqual(['TaskCompleted->2', 'TaskFailed->0', 'TimerFired->1']);
    const timer = h.history().find((e) => e.EventType === EventType.TimerCreated);
    const failed = h.history().find((e) => e.EventType === EventType.TaskFailed);
    expect(Date.parse(timer?.FireAt ?? '')).toBe(Date.parse(failed?.Timestamp ?? '') + 10000);
    expect(h.output()).toBe('Hello, World!');
    expect(h.lastState()).toEqual({
      isDone: true,
      actions: [
        [
          {
            actionType: 1,
            functionName: 'Hello',
            input: '"World"',
            retryOptions: { firstRetryIntervalInMilliseconds: 10000, maxNumberOfAttempts: 2 },
          },
        ],
      ],
      output: 'Hello, World!',
      schemaVersion: 3, // V4: the schema this host advertises (upperSchemaVersionNew)
    });
    expect(h.lastState().actions.flat()).toMatchObject([
      {
        actionType: 1,
        functionName: 'Hello',
        retryOptions: { firstRetryIntervalInMilliseconds: 10000, maxNumberOfAttempts: 2 },
      },
    ]);
  });

  it('reports a failed activity function if >= max attempts (a timer follows the last failure, as in DTF)', async () => {
    h = new Harness({
      orchestrators: { Retry: withRetry(new df.RetryOptions(10000, 2)) },
      activities: { Hello: flaky(5) },
    });
    await h.start('Retry', 'World');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'TaskScheduled#0:Hello',
      'TimerCreated#1',
      'TaskScheduled#2:Hello',
      'TimerCreated#3',
    ]);
    expect(h.instance().status).toBe('Failed');
    expect(h.lastState().error).toContain("Activity function 'Hello' failed: Result: Failure");
    expect(h.lastState().error).toContain('boom 2');
  });

  it('applies backoff and the max retry interval to the retry timers', async () => {
    const options = new df.RetryOptions(1000, 4);
    options.backoffCoefficient = 3;
    options.maxRetryIntervalInMilliseconds = 5000;
    h = new Harness({ orchestrators: { Retry: withRetry(options) }, activities: { Hello: flaky(3) } });
    await h.start('Retry', 'World');
    await h.runAll();
    const hist = h.history();
    const delays = hist
      .filter((e) => e.EventType === EventType.TimerCreated)
      .map((t) => Date.parse(t.FireAt ?? '') - Date.parse(t.Timestamp));
    expect(delays).toEqual([1000, 3000, 5000]);
    expect(h.output()).toBe('Hello, World!');
  });

  it('stops retrying once the retry timeout has passed', async () => {
    const options = new df.RetryOptions(60_000, 10);
    options.retryTimeoutInMilliseconds = 90_000;
    let calls = 0;
    h = new Harness({
      orchestrators: { Retry: withRetry(options) },
      activities: {
        Hello: () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
      },
    });
    await h.start('Retry', 'World');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    // As DTF: the timeout is checked after each failure. Attempts at 0 s, 60 s (60 < 90) and 120 s; after that
    // failure 120 ≥ 90, so no further attempt runs although 10 were allowed.
    expect(calls).toBe(3);
    expect(h.lastState().error).toContain('fail 3');
    expect(h.clock - T0).toBeLessThan(10 * 60_000);
  });

  it('works with fan-out/fan-in (one retried, ids as in GetSayHelloWithActivityRetryFanout)', async () => {
    const orch: OrchestratorFn = function* (context) {
      const options = new df.RetryOptions(100, 5);
      const tasks = [
        context.df.callActivityWithRetry('Hello', options, 'Tokyo'),
        context.df.callActivityWithRetry('Hello', options, 'Seattle'),
      ];
      return yield context.df.Task.all(tasks);
    };
    const tokyoFailsOnce = flaky(1);
    let seattle = 0;
    h = new Harness({
      orchestrators: { Fanout: orch },
      activities: { Hello: (x) => (x === 'Tokyo' ? tokyoFailsOnce(x) : (seattle++, hello(x))) },
    });
    await h.start('Fanout');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'TaskScheduled#0:Hello',
      'TaskScheduled#1:Hello',
      'TimerCreated#2',
      'TaskScheduled#3:Hello',
    ]);
    expect(h.output()).toEqual(['Hello, Tokyo!', 'Hello, Seattle!']);
    expect(seattle).toBe(1);
  });
});

describe('conformance: the extension limits (issue 15 item 10)', () => {
  it('fails an orchestration whose custom status is over 16 KB of UTF-16, keeping the previous status', async () => {
    const orch: OrchestratorFn = function* (context) {
      context.df.setCustomStatus('small');
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
      context.df.setCustomStatus('x'.repeat(8200)); // 8,202 JSON characters = 16,404 bytes of UTF-16
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
      return 'not reached';
    };
    h = new Harness({ orchestrators: { BigStatus: orch } });
    await h.start('BigStatus');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(String(h.output())).toContain('custom status payload must not exceed 16 KB');
    expect(h.instance().custom_status).toBe('"small"');
  });

  it('applies the payload limit to activity inputs and orchestration outputs, naming which', async () => {
    const big = 'y'.repeat(1024 * 1024 + 10);
    h = new Harness({
      orchestrators: {
        BigInput: function* (context) {
          return (yield context.df.callActivity('Echo', big)) as unknown;
        },
        BigOutput: function* () {
          yield* [];
          return big;
        },
      },
      activities: { Echo: (x) => x },
    });
    await h.start('BigInput', undefined, 'in');
    await h.start('BigOutput', undefined, 'out');
    await h.runAll();
    expect(h.instance('in').status).toBe('Failed');
    expect(String(h.output('in'))).toMatch(/The input of activity 'Echo' is \d+ bytes, over the durable payload limit/);
    expect(h.instance('out').status).toBe('Failed');
    expect(String(h.output('out'))).toMatch(/The orchestration output is \d+ bytes, over the durable payload limit/);
  });
});

describe('conformance: activities that throw something other than an Error (issue 15 item 16)', () => {
  it.each([
    ['a string', 'plain text failure', 'plain text failure'],
    ['an object with a message', { message: 'object message', code: 7 }, 'object message'],
    ['an object without one', { code: 7 }, '{"code":7}'],
  ])('keeps the text of %s', async (_label, thrown, expected) => {
    const orch: OrchestratorFn = function* (context) {
      try {
        yield context.df.callActivity('Throws');
      } catch (e) {
        return String((e as Error).message);
      }
      return 'not reached';
    };
    h = new Harness({
      orchestrators: { CatchIt: orch },
      activities: {
        Throws: () => {
          throw thrown; // the case under test
        },
      },
    });
    await h.start('CatchIt');
    await h.runAll();
    expect(String(h.output())).toContain(`Activity function 'Throws' failed: Result: Failure\nException: ${expected}`);
  });
});

describe('conformance: storage failures (issue 15 item 11)', () => {
  it("retries a failed commit of an activity's result instead of running the activity again", async () => {
    let runs = 0;
    const orch: OrchestratorFn = function* (context) {
      return (yield context.df.callActivity('Once', 'x')) as unknown;
    };
    h = new Harness({
      orchestrators: { O: orch },
      activities: {
        Once: () => {
          runs++;
          return 'ran';
        },
      },
    });
    // Fault injection at the storage boundary: the first commit of a TaskCompleted fails (e.g. a disk error).
    const store = h.store;
    const enqueue = store.enqueue.bind(store);
    let failed = false;
    store.enqueue = (id, exec, event, visibleAt, timerId) => {
      if (event.EventType === EventType.TaskCompleted && !failed) {
        failed = true;
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      enqueue(id, exec, event, visibleAt, timerId);
    };
    await h.start('O');
    await h.settle(); // the activity counts as running while its commit is retried, so this waits for it
    expect(failed).toBe(true);
    expect(h.output()).toBe('ran');
    expect(runs).toBe(1);
  });
});

describe('conformance: an orchestrator that throws something other than an Error', () => {
  it('fails with a message that says so (durable-functions drops the value itself)', async () => {
    const orch: OrchestratorFn = function* (context) {
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
      throw 'plain string'; // the case under test
    };
    h = new Harness({ orchestrators: { ThrowsString: orch } });
    await h.start('ThrowsString');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(String(h.output())).toContain(
      "Orchestrator function 'ThrowsString' failed: it threw a value that is not an Error",
    );
  });
});
