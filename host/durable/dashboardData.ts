import { EventType, type HistoryEvent } from './historyEvent';

export interface TimelineItem {
  kind: 'activity' | 'timer' | 'event' | 'subOrchestration';
  name: string;
  taskId?: number;
  start: string;
  end?: string;
  durationMs?: number;
  inputBytes: number;
  outputBytes: number;
  status: 'pending' | 'completed' | 'failed';
  /** First line of the failure reason (no payloads). */
  failure?: string;
}

const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s));

/**
 * A per-instance timeline for the dashboard: each activity, sub-orchestration, timer and external event with start,
 * end, duration, payload sizes and failure reason, built from the history alone.
 */
export function toTimeline(history: HistoryEvent[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  const open = new Map<number, TimelineItem>();
  for (const e of history) {
    switch (e.EventType) {
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated: {
        const kind = e.EventType === EventType.TaskScheduled ? 'activity' : 'subOrchestration';
        const item: TimelineItem = {
          kind,
          name: e.Name ?? '',
          taskId: e.EventId,
          start: e.Timestamp,
          inputBytes: bytes(e.Input),
          outputBytes: 0,
          status: 'pending',
        };
        open.set(e.EventId, item);
        items.push(item);
        break;
      }
      case EventType.TimerCreated: {
        const item: TimelineItem = {
          kind: 'timer',
          name: `until ${e.FireAt ?? ''}`,
          taskId: e.EventId,
          start: e.Timestamp,
          inputBytes: 0,
          outputBytes: 0,
          status: 'pending',
        };
        open.set(e.EventId, item);
        items.push(item);
        break;
      }
      case EventType.TaskCompleted:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceFailed:
      case EventType.TimerFired: {
        const id = e.EventType === EventType.TimerFired ? e.TimerId : e.TaskScheduledId;
        const item = open.get(id ?? -1);
        if (!item) break;
        open.delete(id ?? -1);
        const failed = e.EventType === EventType.TaskFailed || e.EventType === EventType.SubOrchestrationInstanceFailed;
        item.end = e.Timestamp;
        item.durationMs = Date.parse(e.Timestamp) - Date.parse(item.start);
        item.outputBytes = bytes(e.Result);
        item.status = failed ? 'failed' : 'completed';
        if (failed) item.failure = (e.Reason ?? '').split('\n')[0];
        break;
      }
      case EventType.EventRaised:
        items.push({
          kind: 'event',
          name: e.Name ?? '',
          start: e.Timestamp,
          end: e.Timestamp,
          durationMs: 0,
          inputBytes: bytes(e.Input),
          outputBytes: 0,
          status: 'completed',
        });
        break;
      default:
        break;
    }
  }
  return items;
}
