import { describe, expect, it } from 'vitest';

import { toTimeline } from './dashboardData';
import type { InstanceRow } from './durableStore';
import { EventType, historyEvent } from './historyEvent';
import { toStatusJson } from './statusShape';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
const history = [
  historyEvent(EventType.OrchestratorStarted, at(0)),
  historyEvent(EventType.ExecutionStarted, at(0), { Name: 'O', Input: '{"a":1}' }),
  historyEvent(EventType.TaskScheduled, at(0), { EventId: 0, Name: 'A', Input: '"abc"' }),
  historyEvent(EventType.TaskFailed, at(1500), {
    TaskScheduledId: 0,
    Reason: "Activity function 'A' failed: boom\nmore",
    Details: '{}',
  }),
  historyEvent(EventType.TimerCreated, at(1500), { EventId: 1, FireAt: at(3500) }),
  historyEvent(EventType.TimerFired, at(3600), { TimerId: 1, FireAt: at(3500) }),
  historyEvent(EventType.EventRaised, at(4000), { Name: 'go', Input: '1' }),
  historyEvent(EventType.ExecutionCompleted, at(4000), { OrchestrationStatus: 'Completed', Result: '"done"' }),
];

describe('toTimeline', () => {
  it('pairs scheduling and completion with durations, sizes and the first line of failures', () => {
    expect(toTimeline(history)).toEqual([
      {
        kind: 'activity',
        name: 'A',
        taskId: 0,
        start: at(0),
        end: at(1500),
        durationMs: 1500,
        inputBytes: 5,
        outputBytes: 0,
        status: 'failed',
        failure: "Activity function 'A' failed: boom",
      },
      {
        kind: 'timer',
        name: `until ${at(3500)}`,
        taskId: 1,
        start: at(1500),
        end: at(3600),
        durationMs: 2100,
        inputBytes: 0,
        outputBytes: 0,
        status: 'completed',
      },
      {
        kind: 'event',
        name: 'go',
        start: at(4000),
        end: at(4000),
        durationMs: 0,
        inputBytes: 1,
        outputBytes: 0,
        status: 'completed',
      },
    ]);
  });
});

describe('toStatusJson', () => {
  const row: InstanceRow = {
    instance_id: 'i',
    name: 'O',
    execution_id: 'e',
    status: 'Completed',
    input: '{"a":1}',
    output: '"done"',
    custom_status: null,
    failure: null,
    created_at: at(0),
    updated_at: at(4000),
    parent_instance_id: null,
    parent_execution_id: null,
    parent_task_id: null,
  };
  it('has the host shape, seconds precision times and optional history', () => {
    const s = toStatusJson(row, history, { showHistory: true, showHistoryOutput: true });
    expect(s).toMatchObject({
      name: 'O',
      instanceId: 'i',
      runtimeStatus: 'Completed',
      input: { a: 1 },
      customStatus: null,
      output: 'done',
      createdTime: '2026-01-01T00:00:00Z',
      lastUpdatedTime: '2026-01-01T00:00:04Z',
    });
    expect((s.historyEvents as { EventType: string }[]).map((e) => e.EventType)).toEqual([
      'ExecutionStarted',
      'TaskFailed',
      'TimerFired',
      'EventRaised',
      'ExecutionCompleted',
    ]);
    expect((s.historyEvents as Record<string, unknown>[])[4]).toMatchObject({ Result: 'done' });
  });
  it('hides input with showInput=false', () => {
    expect(toStatusJson(row, undefined, { showInput: false }).input).toBeNull();
  });
});
