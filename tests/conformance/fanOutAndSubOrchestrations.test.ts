import df from 'durable-functions';
import { afterEach, describe, expect, it } from 'vitest';

import { completions, Harness, type OrchestratorFn, scheduled } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const files = ['file1.png', 'file2.png', 'file3.csx'];
const sizes: Record<string, number> = { 'file1.png': 1, 'file2.png': 2, 'file3.csx': 3 };

const fanOutFanInDiskUsage: OrchestratorFn = function* (context) {
  const list = (yield context.df.callActivity('GetFileList', 'C:\\Dev')) as string[];
  const tasks = list.map((f) => context.df.callActivity('GetFileSize', f));
  const results = (yield context.df.Task.all(tasks)) as number[];
  return results.reduce((a, b) => a + b, 0);
};

const sayHelloInline: OrchestratorFn = function* (context) {
  return `Hello, ${String(context.df.getInput())}!`;
};

describe('conformance: fan-out/fan-in (FanOutFanInDiskUsage)', () => {
  it('completes when every parallel task completed', async () => {
    h = new Harness({
      orchestrators: { FanOutFanInDiskUsage: fanOutFanInDiskUsage },
      activities: { GetFileList: () => files, GetFileSize: (f) => sizes[String(f)] },
    });
    await h.start('FanOutFanInDiskUsage');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'TaskScheduled#0:GetFileList',
      'TaskScheduled#1:GetFileSize',
      'TaskScheduled#2:GetFileSize',
      'TaskScheduled#3:GetFileSize',
    ]);
    expect(completions(h.history())).toEqual([
      'TaskCompleted->0',
      'TaskCompleted->1',
      'TaskCompleted->2',
      'TaskCompleted->3',
    ]);
    expect(h.output()).toBe(6);
  });

  it('fails with the first error when a parallel task faults (Task.all throws)', async () => {
    h = new Harness({
      orchestrators: { FanOutFanInDiskUsage: fanOutFanInDiskUsage },
      activities: {
        GetFileList: () => files,
        GetFileSize: (f) => {
          if (f !== 'file1.png') throw new Error(`Could not find file ${String(f)}`);
          return 1;
        },
      },
    });
    await h.start('FanOutFanInDiskUsage');
    await h.runAll();
    expect(h.instance().status).toBe('Failed');
    expect(h.lastState().error).toMatch(/Activity function 'GetFileSize' failed: .*Could not find file file[23]/s);
  });

  it('does not proceed while only some parallel tasks completed (partial)', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.Task.all([
        context.df.callActivity('GetFileSize', 'file1.png'),
        context.df.waitForExternalEvent('go'),
      ]);
    };
    h = new Harness({ orchestrators: { Partial: orch }, activities: { GetFileSize: (f) => sizes[String(f)] } });
    await h.start('Partial');
    await h.settle();
    expect(h.instance().status).toBe('Running');
    expect(h.lastState().isDone).toBe(false);
    await h.raise('inst', 'go', 'now');
    await h.settle();
    expect(h.output()).toEqual([1, 'now']);
  });
});

describe('conformance: callSubOrchestrator() / callSubOrchestratorWithRetry()', () => {
  it('handles a completed sub-orchestrator', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callSubOrchestrator('SayHelloInline', context.df.getInput(), 'sub-1');
    };
    h = new Harness({ orchestrators: { SayHelloWithSubOrchestrator: orch, SayHelloInline: sayHelloInline } });
    await h.start('SayHelloWithSubOrchestrator', 'World');
    await h.runAll();
    expect(scheduled(h.history())).toEqual(['SubOrchestrationInstanceCreated#0:SayHelloInline']);
    expect(completions(h.history())).toEqual(['SubOrchestrationInstanceCompleted->0']);
    expect(h.output()).toBe('Hello, World!');
    expect(h.instance('sub-1')).toMatchObject({ status: 'Completed', parent_instance_id: 'inst' });
  });

  it('reports an unhandled exception from a sub-orchestrator', async () => {
    const failing: OrchestratorFn = function* () {
      throw new Error('Result: Failure');
    };
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callSubOrchestrator('SayHelloInline', 'World', 'sub-1');
    };
    h = new Harness({ orchestrators: { Parent: orch, SayHelloInline: failing } });
    await h.start('Parent');
    await h.runAll();
    expect(h.instance('sub-1').status).toBe('Failed');
    expect(h.instance().status).toBe('Failed');
    expect(h.lastState().error).toContain("Orchestrator function 'SayHelloInline' failed: Result: Failure");
  });

  it('gives sub-orchestrators without an instance id distinct deterministic ids', async () => {
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.Task.all([0, 1, 2].map((i) => context.df.callSubOrchestrator('SayHelloInline', `n${i}`)));
    };
    h = new Harness({ orchestrators: { Multi: orch, SayHelloInline: sayHelloInline } });
    await h.start('Multi', undefined, 'p');
    await h.runAll();
    expect(h.output('p')).toEqual(['Hello, n0!', 'Hello, n1!', 'Hello, n2!']);
    const ids = h
      .history('p')
      .filter((e) => e.InstanceId)
      .map((e) => e.InstanceId);
    // As DTF forms them: `<parent's execution id>:<sequence number>`.
    const exec = h.instance('p').execution_id;
    expect(ids).toEqual([`${exec}:0`, `${exec}:1`, `${exec}:2`]);
  });

  it('retries a failed sub-orchestrator and succeeds (SubOrchestrationInstanceFailed → timer → new instance)', async () => {
    let calls = 0;
    const inner: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('Flaky', context.df.getInput());
    };
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callSubOrchestratorWithRetry(
        'SayHelloInline',
        new df.RetryOptions(10000, 3),
        'World',
        'sub-r',
      );
    };
    h = new Harness({
      orchestrators: { SayHelloWithSubOrchestratorRetry: orch, SayHelloInline: inner },
      activities: {
        Flaky: (x) => (++calls === 1 ? Promise.reject(new Error('first call fails')) : `Hello, ${String(x)}!`),
      },
    });
    await h.start('SayHelloWithSubOrchestratorRetry');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'SubOrchestrationInstanceCreated#0:SayHelloInline',
      'TimerCreated#1',
      'SubOrchestrationInstanceCreated#2:SayHelloInline',
    ]);
    expect(completions(h.history())).toEqual([
      'SubOrchestrationInstanceCompleted->2',
      'SubOrchestrationInstanceFailed->0',
      'TimerFired->1',
    ]);
    expect(h.output()).toBe('Hello, World!');
  });

  it('fails after the sub-orchestrator retries are exhausted', async () => {
    const inner: OrchestratorFn = function* () {
      throw new Error('always');
    };
    const orch: OrchestratorFn = function* (context) {
      return yield context.df.callSubOrchestratorWithRetry('SayHelloInline', new df.RetryOptions(1000, 2), 'World');
    };
    h = new Harness({ orchestrators: { Parent: orch, SayHelloInline: inner } });
    await h.start('Parent');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'SubOrchestrationInstanceCreated#0:SayHelloInline',
      'TimerCreated#1',
      'SubOrchestrationInstanceCreated#2:SayHelloInline',
      'TimerCreated#3',
    ]);
    expect(h.instance().status).toBe('Failed');
  });

  it('handles sub-orchestrator fan-out with retry (GetSayHelloWithSuborchestratorRetryFanout ids)', async () => {
    let first = true;
    const inner: OrchestratorFn = function* (context) {
      return yield context.df.callActivity('Hello', context.df.getInput());
    };
    const orch: OrchestratorFn = function* (context) {
      const o = new df.RetryOptions(100, 5);
      return yield context.df.Task.all([
        context.df.callSubOrchestratorWithRetry('SayHelloInline', o, 'Tokyo'),
        context.df.callSubOrchestratorWithRetry('SayHelloInline', o, 'Seattle'),
      ]);
    };
    h = new Harness({
      orchestrators: { Fanout: orch, SayHelloInline: inner },
      activities: {
        Hello: (x) => {
          if (x === 'Tokyo' && first) {
            first = false;
            throw new Error('tokyo once');
          }
          return `Hello, ${String(x)}!`;
        },
      },
    });
    await h.start('Fanout');
    await h.runAll();
    expect(scheduled(h.history())).toEqual([
      'SubOrchestrationInstanceCreated#0:SayHelloInline',
      'SubOrchestrationInstanceCreated#1:SayHelloInline',
      'TimerCreated#2',
      'SubOrchestrationInstanceCreated#3:SayHelloInline',
    ]);
    expect(h.output()).toEqual(['Hello, Tokyo!', 'Hello, Seattle!']);
  });
});
