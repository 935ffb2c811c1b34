/**
 * History events in the shape the Durable Task Framework sends to out-of-process orchestrators
 * (PascalCase fields, `EventType` numbers as in durable-functions' `HistoryEventType`).
 */

export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

export type EventTypeValue = (typeof EventType)[keyof typeof EventType];

const names = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k])) as Record<number, string>;

/** The event type's name (`TaskScheduled`…), as the management API shows it. */
export function eventTypeName(type: number): string {
  return names[type] ?? `Unknown${type}`;
}

/** One history event. Optional fields depend on the type, as in DurableTask.Core.History. */
export interface HistoryEvent {
  EventType: EventTypeValue;
  EventId: number;
  IsPlayed: boolean;
  /** ISO 8601 UTC. */
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  Reason?: string;
  Details?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  ParentInstanceId?: string;
  OrchestrationStatus?: string;
}

/** Creates a history event stamped at `timestamp`. */
export function historyEvent(
  type: EventTypeValue,
  timestamp: string,
  fields: Partial<Omit<HistoryEvent, 'EventType' | 'Timestamp'>> = {},
): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: timestamp, ...fields };
}
