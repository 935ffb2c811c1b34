import { createSubInstance } from './commitEpisode';
import type { InstanceRow } from './durableStore';
import { type EngineContext, iso } from './engineContext';
import { EventType, type HistoryEvent, historyEvent } from './historyEvent';

const failureTypes = new Set<number>([
  EventType.TaskFailed,
  EventType.SubOrchestrationInstanceFailed,
  EventType.ExecutionCompleted,
]);

/**
 * Rewinds a failed orchestration (the client's `rewind`): its history is cut at the first failure (a failed
 * activity or sub-orchestration, else the failed completion), the instance runs again, and every task the kept
 * history scheduled without a result is dispatched anew (activities re-run, timers re-armed, sub-orchestrations
 * restarted), so the orchestrator replays to the point of failure and retries from there. Events raised after
 * the cut are not replayed.
 */
export async function rewindInstance(ctx: EngineContext, inst: InstanceRow, reason: string): Promise<void> {
  const { store } = ctx;
  const id = inst.instance_id;
  const exec = inst.execution_id;
  const history = store.loadHistory(id);
  const cut = history.findIndex((e) => failureTypes.has(e.EventType));
  const kept = cut < 0 ? history : history.slice(0, cut);
  const done = new Set<number>();
  for (const e of kept) {
    if (e.TaskScheduledId !== undefined) done.add(e.TaskScheduledId);
    if (e.EventType === EventType.TimerFired && e.TimerId !== undefined) done.add(e.TimerId);
  }
  const pending = kept.filter((e) => e.EventId >= 0 && !done.has(e.EventId));
  const nowMs = ctx.now();
  const now = iso(nowMs);
  const activities = await ctx.batcher.write(() => {
    store.clearInstance(id, false);
    store.appendHistory(id, 0, kept);
    const rows = [];
    for (const e of pending) rows.push(...redispatch(ctx, inst, e, now, nowMs));
    // A wake-up the orchestrator ignores (GenericEvent), so it replays even when nothing was pending.
    store.enqueue(id, exec, historyEvent(EventType.GenericEvent, now, { Name: 'rewind', Reason: reason }), nowMs);
    store.updateInstance({ ...inst, status: 'Running', output: null, failure: null, updated_at: now });
    return rows;
  });
  ctx.historyCache.delete(id);
  ctx.enqueueActivities(activities);
  ctx.markReady([id, ...pending.filter((e) => e.InstanceId).map((e) => e.InstanceId ?? '')]);
  for (const e of pending) if (e.EventType === EventType.TimerCreated) ctx.timerAdded(Date.parse(e.FireAt ?? now));
}

function redispatch(ctx: EngineContext, inst: InstanceRow, e: HistoryEvent, now: string, nowMs: number) {
  const { store } = ctx;
  const id = inst.instance_id;
  const exec = inst.execution_id;
  if (e.EventType === EventType.TaskScheduled) {
    const name = e.Name ?? '';
    const rowId = store.addActivity(id, exec, e.EventId, name, e.Input);
    return [
      { id: rowId, instance_id: id, execution_id: exec, task_id: e.EventId, name, input: e.Input ?? null, attempts: 0 },
    ];
  }
  if (e.EventType === EventType.TimerCreated) {
    const fireAt = e.FireAt ?? now;
    const fired = historyEvent(EventType.TimerFired, fireAt, { TimerId: e.EventId, FireAt: fireAt });
    store.enqueue(id, exec, fired, Math.max(nowMs, Date.parse(fireAt)), e.EventId);
  } else if (e.EventType === EventType.SubOrchestrationInstanceCreated && e.InstanceId) {
    const sub = { taskId: e.EventId, name: e.Name ?? '', instanceId: e.InstanceId, input: e.Input };
    const refusal = createSubInstance(ctx, inst, sub, now, nowMs);
    if (refusal !== undefined) ctx.log.warn('durable rewind: sub-orchestration still running', { instanceId: id });
  }
  return [];
}
