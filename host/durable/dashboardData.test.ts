import { describe, expect, it } from 'vitest';

import { instanceFailure, toTimeline } from './dashboardData';
import { EventType, historyEvent } from './historyEvent';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
const started = [
  historyEvent(EventType.OrchestratorStarted, at(0)),
  historyEvent(EventType.ExecutionStarted, at(0), { Name: 'O' }),
];

describe('toTimeline with the instance end', () => {
  it('marks an activity that returned {ok: false} failed with its code only', () => {
    const history = [
      ...started,
      historyEvent(EventType.TaskScheduled, at(0), { EventId: 0, Name: 'transcribe' }),
      historyEvent(EventType.TaskCompleted, at(900), {
        TaskScheduledId: 0,
        Result: '{"ok":false,"code":"CorruptAudio","message":"secret detail"}',
      }),
      historyEvent(EventType.TaskScheduled, at(900), { EventId: 1, Name: 'recordFailure' }),
      historyEvent(EventType.TaskCompleted, at(1000), { TaskScheduledId: 1, Result: '{"ok":true,"stats":{}}' }),
      historyEvent(EventType.ExecutionCompleted, at(1000), {
        OrchestrationStatus: 'Failed',
        Result: 'transcribe failed: CorruptAudio: the file is not audio\nstack…',
      }),
    ];
    const items = toTimeline(history, { runtimeStatus: 'Failed', lastUpdatedTime: at(1000) });
    expect(items.map((i) => [i.name, i.status, i.failure])).toEqual([
      ['transcribe', 'failed', 'returned a failure: CorruptAudio'],
      ['recordFailure', 'completed', undefined],
    ]);
    expect(instanceFailure(history)).toBe('Failed: transcribe failed: CorruptAudio: the file is not audio');
  });

  it('stops open bars at the end of a terminated instance and shows them cancelled', () => {
    const history = [
      ...started,
      historyEvent(EventType.TaskScheduled, at(0), { EventId: 0, Name: 'slow' }),
      historyEvent(EventType.TimerCreated, at(0), { EventId: 1, FireAt: at(60_000) }),
      historyEvent(EventType.ExecutionCompleted, at(5000), { OrchestrationStatus: 'Terminated', Result: '"by user"' }),
    ];
    const items = toTimeline(history, { runtimeStatus: 'Terminated', lastUpdatedTime: at(5000) });
    expect(items.map((i) => [i.name, i.status, i.end, i.durationMs])).toEqual([
      ['slow', 'cancelled', at(5000), 5000],
      [`until ${at(60_000)}`, 'cancelled', at(5000), 5000],
    ]);
    expect(instanceFailure(history)).toBe('Terminated: by user');
    expect(toTimeline(history).map((i) => i.status)).toEqual(['pending', 'pending']);
  });

  it('shows a re-armed timer cancelled at the time it was replaced; the running one stays pending', () => {
    const history = [
      ...started,
      historyEvent(EventType.TimerCreated, at(0), { EventId: 0, FireAt: at(90_000) }),
      historyEvent(EventType.EventRaised, at(2000), { Name: 'review', Input: '{}' }),
      historyEvent(EventType.TimerCreated, at(2000), { EventId: 1, FireAt: at(90_000) }),
    ];
    const items = toTimeline(history, { runtimeStatus: 'Running', lastUpdatedTime: at(2000) });
    expect(items.map((i) => [i.kind, i.status, i.end])).toEqual([
      ['timer', 'cancelled', at(2000)],
      ['event', 'completed', at(2000)],
      ['timer', 'pending', undefined],
    ]);
    expect(instanceFailure(history)).toBeUndefined();
  });
});
