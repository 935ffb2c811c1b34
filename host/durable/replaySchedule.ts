import { randomUUID } from 'node:crypto';

import { type EntityRequest, entitySchedulerId } from './entityMessages';
import { EventType, type HistoryEvent, historyEvent } from './historyEvent';
import { encodeActionInput } from './orchestratorState';
import type { Leaf, ReplayOutput } from './replayActions';
import { ReplayError } from './replayError';

/** Name of the built-in activity that performs `callHttp` requests, as in the Durable extension. */
export const HTTP_ACTIVITY = 'BuiltIn::HttpActivity';

/** The scheduling event type each leaf kind leaves in the history. */
const expectedType: Record<Leaf['kind'], number> = {
  activity: EventType.TaskScheduled,
  timer: EventType.TimerCreated,
  sub: EventType.SubOrchestrationInstanceCreated,
  event: -1,
  entity: EventType.EventSent,
  signal: EventType.EventSent,
  lock: EventType.EventSent,
  release: EventType.EventSent,
};

/** What a leaf's scheduling needs from the replayer. */
export interface ScheduleContext {
  instanceId: string;
  executionId: string;
  now: string;
  out: ReplayOutput;
}

/** Appends the scheduling event of a new leaf (EventId `leaf.id`) and the work it starts. */
export function scheduleLeaf(c: ScheduleContext, leaf: Leaf): void {
  const { action, id } = leaf;
  const ts = c.now;
  const { out } = c;
  if (leaf.kind === 'timer') {
    const fireAt = new Date(action.fireAt ?? ts).toISOString();
    out.scheduled.push(historyEvent(EventType.TimerCreated, ts, { EventId: id, FireAt: fireAt }));
    if (!action.isCanceled) out.timers.push({ timerId: id, fireAt });
  } else if (leaf.kind === 'sub') {
    // Without an id the child's is derived as DTF does: `<parent's executionId>:<sequence number>`.
    const instanceId = action.instanceId || `${c.executionId}:${id}`;
    const input = action.input === undefined ? undefined : JSON.stringify(action.input);
    const name = leaf.name ?? '';
    const event = { EventId: id, Name: name, InstanceId: instanceId, Input: input };
    out.scheduled.push(historyEvent(EventType.SubOrchestrationInstanceCreated, ts, event));
    if (leaf.failWith) out.synthetic.push({ ...leaf.failWith, TaskScheduledId: id, Timestamp: ts });
    else out.subOrchestrations.push({ taskId: id, name, instanceId, input });
  } else if (leaf.kind === 'activity') {
    const name = leaf.name ?? '';
    const input = leaf.name === HTTP_ACTIVITY ? JSON.stringify(action.httpRequest) : encodeActionInput(action.input);
    out.scheduled.push(historyEvent(EventType.TaskScheduled, ts, { EventId: id, Name: name, Input: input }));
    if (leaf.failWith) out.synthetic.push({ ...leaf.failWith, TaskScheduledId: id, Timestamp: ts });
    else out.activities.push({ taskId: id, name, input });
  } else if (leaf.request && leaf.target) {
    const event = { EventId: id, InstanceId: leaf.target, Name: leaf.request.op ?? leaf.kind, Input: '' };
    event.Input = JSON.stringify(leaf.request);
    out.scheduled.push(historyEvent(EventType.EventSent, ts, event));
    out.entityMessages.push({ target: leaf.target, request: leaf.request });
  }
}

/** The request an entity leaf sends (a fresh one; a replayed leaf reads its own back from the history). */
export function entityRequest(c: ScheduleContext, leaf: Leaf, lockSet?: string[]): EntityRequest {
  const a = leaf.action;
  const parent = c.instanceId;
  if (leaf.kind === 'lock') return { id: a.lockRequestId ?? randomUUID(), lockSet, position: 0, parent };
  if (leaf.kind === 'release') return { id: randomUUID(), release: true, parent };
  const input = encodeActionInput(a.input);
  return { id: randomUUID(), op: a.operation ?? '', signal: leaf.kind === 'signal', input, parent };
}

/** Scheduler ids of a lock action's entities, sorted and de-duplicated (as durable-functions orders them). */
export function lockSetOf(leaf: Leaf): string[] {
  const ids = (leaf.action.lockSet ?? []).map((e) => entitySchedulerId(e.name, e.key));
  return [...new Set(ids)].sort();
}

/** Throws DTF's non-deterministic-workflow error when the history has something else at this leaf's EventId. */
export function checkSame(prior: HistoryEvent, leaf: Leaf): void {
  const sameName = (prior.Name ?? '').toLowerCase() === (leaf.name ?? '').toLowerCase();
  const named = leaf.kind === 'activity' || leaf.kind === 'sub';
  const sameTarget = leaf.target === undefined || prior.InstanceId === leaf.target;
  if (prior.EventType !== expectedType[leaf.kind] || (named && !sameName) || !sameTarget) {
    throw new ReplayError(
      `Non-deterministic workflow detected: the orchestrator now schedules ${leaf.kind} '${leaf.name ?? leaf.target ?? 'timer'}' ` +
        `with EventId ${leaf.id}, but the history has ${prior.Name ?? 'a timer'} there. ` +
        'Was a change made to the orchestrator code after this instance had already started running?',
    );
  }
}

/** DTF's error when the replay no longer schedules a task the history says was scheduled. */
export function unclaimedError(prior: HistoryEvent): ReplayError {
  const what = prior.EventType === EventType.TimerCreated ? 'a timer' : `'${prior.Name ?? prior.InstanceId ?? ''}'`;
  return new ReplayError(
    `Non-deterministic workflow detected: a previous execution of this orchestration scheduled ${what} with ` +
      `sequence ID ${prior.EventId}, but the current replay execution hasn't (yet?) scheduled this task. ` +
      'Was a change made to the orchestrator code after this instance had already started running?',
  );
}
