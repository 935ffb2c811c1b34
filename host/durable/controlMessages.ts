import { notifyParent } from './commitEpisode';
import type { InboxRow, InstanceRow } from './durableStore';
import { type EngineContext, newExecutionId } from './engineContext';
import { type EntityRequest, entityRequestEvent } from './entityMessages';
import { EventType, type HistoryEvent, historyEvent } from './historyEvent';

/** Applies a terminate, suspend or resume message (alone, before any other message of the instance). */
export async function handleControl(ctx: EngineContext, inst: InstanceRow, row: InboxRow, now: string): Promise<void> {
  const event = JSON.parse(row.event) as HistoryEvent;
  const { store } = ctx;
  const history = ctx.historyCache.get(inst.instance_id) ?? store.loadHistory(inst.instance_id);
  const next: InstanceRow = { ...inst, updated_at: now };
  const events = [historyEvent(EventType.OrchestratorStarted, now), { ...event, IsPlayed: false }];
  let ready = false;
  if (event.EventType === EventType.ExecutionTerminated) {
    next.status = 'Terminated';
    next.output = event.Input ?? null;
    events.push(
      historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'Terminated', Result: event.Input }),
    );
  } else if (event.EventType === EventType.ExecutionSuspended) {
    next.status = 'Suspended';
  } else {
    next.status = history.length > 0 ? 'Running' : 'Pending';
    ready = true;
  }
  events.push(historyEvent(EventType.OrchestratorCompleted, now));
  let released: string[] = [];
  await ctx.batcher.write(() => {
    store.deleteInbox(row.id);
    store.appendHistory(inst.instance_id, history.length, events);
    store.updateInstance(next);
    if (next.status === 'Terminated') store.clearInstance(inst.instance_id, false);
    if (next.status === 'Terminated') store.appendHistory(inst.instance_id, 0, [...history, ...events]);
    // Entity locks it holds are released, as when an orchestration ends otherwise.
    if (next.status === 'Terminated') released = releaseLocks(ctx, inst, history, Date.parse(now));
    // A terminated sub-orchestration fails its parent's call (DTF sends SubOrchestrationInstanceFailed).
    if (next.status === 'Terminated' && inst.parent_instance_id && inst.parent_task_id !== null) {
      notifyParent(
        ctx,
        inst,
        { status: 'Terminated', output: next.output, failure: null, events: [] },
        Date.parse(now),
      );
    }
  });
  ctx.historyCache.set(inst.instance_id, [...history, ...events]);
  if (next.status === 'Terminated') ctx.historyCache.delete(inst.instance_id);
  if (ready || next.status === 'Terminated') ctx.markReady([inst.instance_id]);
  if (next.status === 'Terminated' && inst.parent_instance_id) ctx.markReady([inst.parent_instance_id]);
  ctx.markReady(released);
}

/** Sends a release to every entity the history shows locked and not yet released (newest lock request wins). */
function releaseLocks(ctx: EngineContext, inst: InstanceRow, history: HistoryEvent[], nowMs: number): string[] {
  let held: string[] = [];
  for (const e of history) {
    if (e.EventType !== EventType.EventSent || !e.Input) continue;
    const request = JSON.parse(e.Input) as EntityRequest;
    if (request.lockSet) held = request.lockSet;
    else if (request.release) held = held.filter((id) => id !== e.InstanceId);
  }
  const at = new Date(nowMs).toISOString();
  for (const target of held) {
    const release = {
      id: newExecutionId(),
      release: true,
      parent: inst.instance_id,
      parentExecution: inst.execution_id,
    };
    ctx.store.enqueue(target, null, entityRequestEvent(release, at), nowMs);
  }
  return held;
}
