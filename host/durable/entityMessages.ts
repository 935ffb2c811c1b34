import { EventType, type HistoryEvent, historyEvent } from './historyEvent';

/**
 * A message to a durable entity, as the extension's RequestMessage carries it: an operation (call or signal), a
 * lock request (`lockSet`, forwarded entity to entity in order) or a lock release. `parent` is the orchestration
 * that sent it (absent for client signals); a call is answered with an EventRaised named `id`.
 */
export interface EntityRequest {
  id: string;
  op?: string;
  signal?: boolean;
  /** JSON text of the operation input. */
  input?: string;
  parent?: string;
  parentExecution?: string;
  lockSet?: string[];
  position?: number;
  release?: boolean;
}

/** The answer an orchestration's callEntity reads (durable-functions' ResponseMessage). */
export interface EntityResponse {
  /** JSON text of the operation's return value. */
  result?: string;
  exceptionType?: string;
}

/** The scheduler id of an entity: `@<name lowercased>@<key>`, as EntityId.getSchedulerIdFromEntityId. */
export function entitySchedulerId(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

/** `{name, key}` of a scheduler id (undefined when it is not one). */
export function parseEntityId(schedulerId: string): { name: string; key: string } | undefined {
  if (!schedulerId.startsWith('@')) return undefined;
  const at = schedulerId.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: schedulerId.slice(1, at), key: schedulerId.slice(at + 1) };
}

export const isEntityId = (instanceId: string) => instanceId.startsWith('@');

/** The inbox message carrying `request` to an entity. */
export function entityRequestEvent(request: EntityRequest, at: string): HistoryEvent {
  return historyEvent(EventType.EventRaised, at, { Name: request.op ?? 'op', Input: JSON.stringify(request) });
}

/** The EventRaised an orchestration receives as the answer to request `requestId`. */
export function entityResponseEvent(requestId: string, response: EntityResponse, at: string): HistoryEvent {
  return historyEvent(EventType.EventRaised, at, { Name: requestId, Input: JSON.stringify(response) });
}
