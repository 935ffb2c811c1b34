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
  /** `cancelled`: a timer replaced or abandoned, or work still open when the instance ended. */
  status: 'pending' | 'completed' | 'failed' | 'cancelled';
  /** First line of the failure reason (no payloads). */
  failure?: string;
}

const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s));

/**
 * A per-instance timeline for the dashboard: each activity, sub-orchestration, timer and external event with start,
 * end, duration, payload sizes and failure reason, built from the history alone.
 */
export function toTimeline(history: HistoryEvent[], end?: InstanceEnd): TimelineItem[] {
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
        const returned = failed ? undefined : returnedFailure(e.Result);
        if (returned) Object.assign(item, { status: 'failed', failure: returned });
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
  return end ? closeAt(items, end) : items;
}

/** How an instance ended, for closing what was still open in its history. */
export interface InstanceEnd {
  runtimeStatus: string;
  lastUpdatedTime: string;
}

const TERMINAL = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

/**
 * Open items of an ended instance stop at its end and are `cancelled`; a timer that never fired and was followed
 * by another timer for the same time (a wait that was re-armed) is `cancelled` too.
 */
function closeAt(items: TimelineItem[], end: InstanceEnd): TimelineItem[] {
  const ended = TERMINAL.has(end.runtimeStatus);
  return items.map((item, i) => {
    if (item.status !== 'pending') return item;
    const replaced =
      item.kind === 'timer' && items.slice(i + 1).some((later) => later.kind === 'timer' && later.name === item.name);
    if (!ended && !replaced) return item;
    const next = replaced
      ? items.slice(i + 1).find((later) => later.kind === 'timer' && later.name === item.name)
      : undefined;
    const stop = next?.start ?? end.lastUpdatedTime;
    return {
      ...item,
      status: 'cancelled',
      end: stop,
      durationMs: Math.max(0, Date.parse(stop) - Date.parse(item.start)),
    };
  });
}

/**
 * An activity that completed by returning `{ok: false, code}` (the app's convention for an expected failure, which
 * Durable records as a success) is shown as failed with its code; only the code is read, never other payload.
 */
function returnedFailure(result: string | undefined): string | undefined {
  if (!result || result.length > 65_536 || !result.includes('"ok":false')) return undefined;
  try {
    const value = JSON.parse(result) as { ok?: unknown; code?: unknown };
    if (value.ok !== false) return undefined;
    return `returned a failure${typeof value.code === 'string' ? `: ${value.code.slice(0, 80)}` : ''}`;
  } catch {
    return undefined;
  }
}

/** The reason a failed or terminated instance gave (first line, at most 500 characters), from its history. */
export function instanceFailure(history: HistoryEvent[]): string | undefined {
  const done = [...history].reverse().find((e) => e.EventType === EventType.ExecutionCompleted);
  if (!done || (done.OrchestrationStatus !== 'Failed' && done.OrchestrationStatus !== 'Terminated')) return undefined;
  const raw = done.Result ?? done.Reason ?? '';
  let text = raw;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'string') text = parsed;
  } catch {
    // not JSON: the message itself
  }
  return `${done.OrchestrationStatus}: ${text.split('\n')[0]!.slice(0, 500) || 'no reason given'}`;
}
