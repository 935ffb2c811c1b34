import type { ActivityRow, InboxRow, InstanceRow } from './durableStore';
import { terminalStatuses } from './durableStore';
import { type EngineContext, iso, newExecutionId, parseJson } from './engineContext';
import { entityRequestEvent } from './entityMessages';
import { EventType, type HistoryEvent, historyEvent } from './historyEvent';
import type { OrchestratorStateWire } from './orchestratorState';
import type { ReplayOutput } from './replayActions';

/** What an episode decided: the instance's next status and the events that close its history. */
export interface Outcome {
  status: InstanceRow['status'];
  output: string | null;
  failure: string | null;
  events: HistoryEvent[];
}

export interface CommitInput {
  inst: InstanceRow;
  rows: InboxRow[];
  history: HistoryEvent[];
  committed: HistoryEvent[];
  replay?: ReplayOutput;
  outcome: Outcome;
  state?: OrchestratorStateWire;
  nowMs: number;
}

/** Commits one episode atomically: history, consumed messages, work items, sub-orchestrations, status, parent. */
export function commitEpisode(
  ctx: EngineContext,
  c: CommitInput,
): { newHistory: HistoryEvent[]; activities: ActivityRow[]; ready: string[] } {
  const { store } = ctx;
  const { inst, replay, outcome, nowMs } = c;
  const id = inst.instance_id;
  const exec = inst.execution_id;
  const now = iso(nowMs);
  const ready: string[] = [];
  const activities: ActivityRow[] = [];
  for (const r of c.rows) store.deleteInbox(r.id);
  if (c.history.length === 0) store.resetHistory(id);
  store.appendHistory(id, c.history.length, c.committed);
  for (const a of replay?.activities ?? []) {
    const rowId = store.addActivity(id, exec, a.taskId, a.name, a.input);
    activities.push({
      id: rowId,
      instance_id: id,
      execution_id: exec,
      task_id: a.taskId,
      name: a.name,
      input: a.input ?? null,
      attempts: 0,
    });
  }
  for (const t of replay?.timers ?? []) {
    const fired = historyEvent(EventType.TimerFired, t.fireAt, { TimerId: t.timerId, FireAt: t.fireAt });
    store.enqueue(id, exec, fired, Date.parse(t.fireAt), t.timerId);
    if (Date.parse(t.fireAt) <= nowMs) ready.push(id);
  }
  for (const timerId of replay?.canceledTimers ?? []) store.deleteTimer(id, exec, timerId);
  if ((replay?.synthetic.length ?? 0) > 0) ready.push(id);
  for (const e of replay?.synthetic ?? []) store.enqueue(id, exec, e, nowMs);
  for (const s of replay?.subOrchestrations ?? []) {
    const refusal = createSubInstance(ctx, inst, s, now, nowMs);
    if (refusal === undefined) ready.push(s.instanceId);
    else {
      // As the extension: the parent's call fails; the instance holding the id is left alone.
      const failed = historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
        TaskScheduledId: s.taskId,
        Reason: refusal,
        Details: JSON.stringify({ ClassName: 'System.ArgumentException', Message: refusal }),
      });
      store.enqueue(id, exec, failed, nowMs);
      ready.push(id);
    }
  }
  for (const m of replay?.entityMessages ?? []) {
    const request = { ...m.request, parent: id, parentExecution: exec };
    store.enqueue(m.target, null, entityRequestEvent(request, now), nowMs);
    ready.push(m.target);
  }
  // An orchestration that ends holding entity locks releases them (DTF does the same on completion).
  if (outcome.status !== 'Running') {
    for (const target of replay?.heldLocks ?? []) {
      const release = { id: newExecutionId(), release: true, parent: id, parentExecution: exec };
      store.enqueue(target, null, entityRequestEvent(release, now), nowMs);
      ready.push(target);
    }
  }
  const customStatus = c.state?.customStatus === undefined ? inst.custom_status : JSON.stringify(c.state.customStatus);
  const next: InstanceRow = {
    ...inst,
    status: outcome.status,
    output: outcome.output,
    failure: outcome.failure,
    custom_status: customStatus ?? null,
    updated_at: now,
  };
  if (outcome.status === 'ContinuedAsNew') {
    const input = replay?.continueAsNew?.input ?? null;
    next.status = 'Running';
    next.execution_id = newExecutionId();
    next.input = input;
    store.enqueue(
      id,
      next.execution_id,
      historyEvent(EventType.ExecutionStarted, now, { Name: inst.name, Input: input ?? undefined }),
      nowMs,
    );
    // External events no waiter consumed are dropped, as the extension's JS path does (preserveUnprocessedEvents
    // is false): the next generation starts with an empty inbox.
    ready.push(id);
  }
  store.updateInstance(next);
  if (terminalStatuses.has(outcome.status) && inst.parent_instance_id && inst.parent_task_id !== null) {
    notifyParent(ctx, inst, outcome, nowMs);
    ready.push(inst.parent_instance_id);
  }
  return { newHistory: [...c.history, ...c.committed], activities, ready };
}

/**
 * Creates a sub-orchestration instance, or returns why it may not: its id is the parent's (or grandparent's), as
 * the extension checks, or belongs to an instance that has not finished (never overwritten). A finished instance
 * under that id is replaced, as a new start would.
 */
export function createSubInstance(
  ctx: EngineContext,
  parent: InstanceRow,
  s: { taskId: number; name: string; instanceId: string; input?: string },
  now: string,
  nowMs: number,
): string | undefined {
  const same = (a: string | null) => a !== null && a.toLowerCase() === s.instanceId.toLowerCase();
  if (same(parent.instance_id) || same(parent.parent_instance_id)) {
    return 'The instance ID of a sub-orchestration must be different than the instance ID of a parent orchestration.';
  }
  if (s.instanceId.startsWith('@')) return 'Orchestration instance ids must not start with @.'; // entity ids do
  const existing = ctx.store.getInstance(s.instanceId);
  if (existing && !terminalStatuses.has(existing.status)) {
    return (
      `An orchestration instance with ID '${s.instanceId}' already exists and is ${existing.status}: ` +
      'the instance ID of a sub-orchestration must be different from any instance that has not finished.'
    );
  }
  const exec = newExecutionId();
  if (existing) ctx.store.clearInstance(s.instanceId, false);
  ctx.store.putInstance({
    instance_id: s.instanceId,
    name: s.name,
    execution_id: exec,
    status: 'Pending',
    input: s.input ?? null,
    output: null,
    custom_status: null,
    failure: null,
    created_at: now,
    updated_at: now,
    parent_instance_id: parent.instance_id,
    parent_execution_id: parent.execution_id,
    parent_task_id: s.taskId,
  });
  const started = historyEvent(EventType.ExecutionStarted, now, {
    Name: s.name,
    Input: s.input,
    ParentInstanceId: parent.instance_id,
  });
  ctx.store.enqueue(s.instanceId, exec, started, nowMs);
  return undefined;
}

/** Tells the parent how its sub-orchestration ended (completed, or failed/terminated as a failure). */
export function notifyParent(ctx: EngineContext, inst: InstanceRow, outcome: Outcome, nowMs: number): void {
  const at = iso(nowMs);
  const taskId = inst.parent_task_id ?? -1;
  const event =
    outcome.status === 'Completed'
      ? historyEvent(EventType.SubOrchestrationInstanceCompleted, at, {
          TaskScheduledId: taskId,
          Result: outcome.output ?? 'null',
        })
      : historyEvent(EventType.SubOrchestrationInstanceFailed, at, {
          TaskScheduledId: taskId,
          Reason: (parseJson(outcome.output) as string | undefined) ?? `Orchestration '${inst.name}' ${outcome.status}`,
          Details: outcome.failure ?? '',
        });
  ctx.store.enqueue(inst.parent_instance_id ?? '', inst.parent_execution_id, event, nowMs);
}
