import type { InstanceRow } from './durableStore';
import { EventType, eventTypeName, type HistoryEvent } from './historyEvent';

export interface StatusOptions {
  showInput?: boolean;
  showHistory?: boolean;
  showHistoryOutput?: boolean;
}

function parse(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Seconds-precision ISO time, as the Functions host prints it (`2026-01-01T00:00:00Z`). */
function hostTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The orchestration status JSON of the Functions host's management API (`GET /instances/{id}`): name, instanceId,
 * runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime and, on request, historyEvents.
 */
export function toStatusJson(
  row: InstanceRow,
  history: HistoryEvent[] | undefined,
  options: StatusOptions,
): Record<string, unknown> {
  const status: Record<string, unknown> = {
    name: row.name,
    instanceId: row.instance_id,
    runtimeStatus: row.status,
    input: options.showInput === false ? null : parse(row.input),
    customStatus: parse(row.custom_status),
    output: parse(row.output),
    createdTime: hostTime(row.created_at),
    lastUpdatedTime: hostTime(row.updated_at),
  };
  if (options.showHistory && history)
    status.historyEvents = toHistoryEvents(history, options.showHistoryOutput === true, options.showInput === true);
  return status;
}

/** History as the host shows it: scheduling folded into the completion (ScheduledTime), framing events dropped. */
export function toHistoryEvents(
  history: HistoryEvent[],
  showOutput: boolean,
  showInput: boolean,
): Record<string, unknown>[] {
  const scheduledBy = new Map<number, HistoryEvent>();
  const out: Record<string, unknown>[] = [];
  for (const e of history) {
    const base: Record<string, unknown> = { EventType: eventTypeName(e.EventType), Timestamp: e.Timestamp };
    switch (e.EventType) {
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
      case EventType.TimerCreated:
        scheduledBy.set(e.EventId, e);
        continue;
      case EventType.OrchestratorStarted:
      case EventType.OrchestratorCompleted:
        continue;
      case EventType.ExecutionStarted:
        out.push({ ...base, FunctionName: e.Name, ...(showInput ? { Input: parse(e.Input) } : {}) });
        continue;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed: {
        const s = scheduledBy.get(e.TaskScheduledId ?? -1);
        const item: Record<string, unknown> = { ...base, FunctionName: s?.Name, ScheduledTime: s?.Timestamp };
        if (e.Reason !== undefined) Object.assign(item, { Reason: e.Reason, Details: e.Details });
        if (showOutput && e.Result !== undefined) item.Result = parse(e.Result);
        out.push(item);
        continue;
      }
      case EventType.TimerFired:
        out.push({ ...base, TimerId: e.TimerId, FireAt: e.FireAt });
        continue;
      case EventType.EventRaised:
        out.push({ ...base, Name: e.Name, ...(showInput ? { Input: parse(e.Input) } : {}) });
        continue;
      case EventType.ExecutionCompleted:
        out.push({
          ...base,
          OrchestrationStatus: e.OrchestrationStatus,
          ...(showOutput ? { Result: parse(e.Result) } : {}),
        });
        continue;
      default:
        out.push(base);
    }
  }
  return out;
}
