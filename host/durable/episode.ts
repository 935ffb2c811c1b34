import type { ActivityRow, InboxRow, InstanceRow } from './durableStore';
import { terminalStatuses } from './durableStore';
import { type EngineContext, iso, newExecutionId } from './engineContext';
import { EventType, historyEvent, type HistoryEvent } from './historyEvent';
import { type OrchestratorStateWire, readOrchestratorState, readStateFromError } from './orchestratorState';
import { ReplayError, type ReplayOutput, replayActions } from './replayActions';

const controlTypes = new Set<number>([EventType.ExecutionTerminated, EventType.ExecutionSuspended, EventType.ExecutionResumed]);

interface Outcome {
  status: InstanceRow['status'];
  output: string | null;
  failure: string | null;
  events: HistoryEvent[];
}

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return undefined;
  return JSON.parse(text) as unknown;
}

/** Runs one orchestrator episode for `instanceId`: consumes its visible messages and commits the result atomically. */
export async function runEpisode(ctx: EngineContext, instanceId: string): Promise<void> {
  const { store } = ctx;
  const nowMs = ctx.now();
  const now = iso(nowMs);
  const inst = store.getInstance(instanceId);
  const rows = store.inboxFor(instanceId, nowMs);
  if (rows.length === 0) return;
  if (!inst || terminalStatuses.has(inst.status)) {
    await ctx.batcher.write(() => rows.forEach((r) => store.deleteInbox(r.id)));
    return;
  }
  const control = rows.find((r) => controlTypes.has((JSON.parse(r.event) as HistoryEvent).EventType));
  if (control) return handleControl(ctx, inst, control, now);
  if (inst.status === 'Suspended') return;

  const current = rows.filter((r) => r.execution_id === null || r.execution_id === inst.execution_id);
  const stale = rows.filter((r) => !current.includes(r));
  let history = ctx.historyCache.get(instanceId) ?? store.loadHistory(instanceId);
  const messages = current.map((r) => JSON.parse(r.event) as HistoryEvent);
  const started = messages.some((e) => e.EventType === EventType.ExecutionStarted);
  if (history.length === 0 && !started) {
    await ctx.batcher.write(() => rows.forEach((r) => store.deleteInbox(r.id)));
    return;
  }
  if (history.length > 0 && started) history = [];
  // ExecutionStarted first, then completions in arrival order.
  messages.sort((a, b) => (a.EventType === EventType.ExecutionStarted ? -1 : b.EventType === EventType.ExecutionStarted ? 1 : 0));
  const newEvents = [historyEvent(EventType.OrchestratorStarted, now), ...messages.map((e) => ({ ...e, IsPlayed: false }))];
  const fullHistory = [...history.map((e) => ({ ...e, IsPlayed: true })), ...newEvents];

  const { state, error } = await invokeOrchestrator(ctx, inst, fullHistory);
  let replay: ReplayOutput | undefined;
  let failure = error;
  if (state && !failure) {
    try {
      replay = replayActions({ instanceId, history: fullHistory, state });
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      failure = e.message;
    }
  }
  const outcome = decide(inst, state, replay, failure, now);
  const committed = [...newEvents, ...(replay?.scheduled ?? []), ...outcome.events];
  committed.push(historyEvent(EventType.OrchestratorCompleted, now));

  const effects = await ctx.batcher.write(() =>
    commitEpisode(ctx, { inst, rows: [...current, ...stale], history, committed, replay, outcome, state, nowMs }),
  );
  ctx.historyCache.set(instanceId, effects.newHistory);
  if (terminalStatuses.has(outcome.status) || outcome.status === 'ContinuedAsNew') ctx.historyCache.delete(instanceId);
  ctx.enqueueActivities(effects.activities);
  ctx.markReady(effects.ready);
  for (const t of replay?.timers ?? []) ctx.timerAdded(Date.parse(t.fireAt));
}

async function invokeOrchestrator(
  ctx: EngineContext,
  inst: InstanceRow,
  history: HistoryEvent[],
): Promise<{ state?: OrchestratorStateWire; error?: string }> {
  if (ctx.functionType(inst.name) !== 'orchestrationTrigger') {
    return { error: `The function '${inst.name}' doesn't exist, is disabled, or is not an orchestrator function.` };
  }
  const trigger = {
    history,
    input: parseJson(inst.input),
    instanceId: inst.instance_id,
    isReplaying: history.some((e) => e.IsPlayed),
    parentInstanceId: inst.parent_instance_id ?? undefined,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 1,
    maximumShortTimerDuration: '6.00:00:00',
    longRunningTimerIntervalDuration: '3.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  try {
    const state = readOrchestratorState(await ctx.invoker.invoke(inst.name, trigger));
    return state ? { state } : { error: 'The orchestrator returned no OrchestratorState.' };
  } catch (e) {
    const state = readStateFromError(e);
    if (state) return { state, error: state.error ?? 'Orchestrator failed.' };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function decide(
  inst: InstanceRow,
  state: OrchestratorStateWire | undefined,
  replay: ReplayOutput | undefined,
  failure: string | undefined,
  now: string,
): Outcome {
  if (failure !== undefined || !state || !replay) {
    const message = `Orchestrator function '${inst.name}' failed: ${failure ?? 'unknown error'}`;
    return {
      status: 'Failed',
      output: JSON.stringify(message),
      failure: JSON.stringify({ ErrorType: 'OrchestrationFailureException', ErrorMessage: message }),
      events: [historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'Failed', Result: message })],
    };
  }
  if (replay.continueAsNew && state.isDone) {
    const events = [historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'ContinuedAsNew' })];
    return { status: 'ContinuedAsNew', output: null, failure: null, events };
  }
  if (state.isDone) {
    const result = JSON.stringify(state.output === undefined ? null : state.output);
    const events = [historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'Completed', Result: result })];
    return { status: 'Completed', output: result, failure: null, events };
  }
  return { status: 'Running', output: null, failure: null, events: [] };
}

interface CommitInput {
  inst: InstanceRow;
  rows: InboxRow[];
  history: HistoryEvent[];
  committed: HistoryEvent[];
  replay?: ReplayOutput;
  outcome: Outcome;
  state?: OrchestratorStateWire;
  nowMs: number;
}

function commitEpisode(ctx: EngineContext, c: CommitInput): { newHistory: HistoryEvent[]; activities: ActivityRow[]; ready: string[] } {
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
    activities.push({ id: rowId, instance_id: id, execution_id: exec, task_id: a.taskId, name: a.name, input: a.input ?? null, attempts: 0 });
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
    createSubInstance(ctx, inst, s, now, nowMs);
    ready.push(s.instanceId);
  }
  const customStatus = c.state?.customStatus === undefined ? inst.custom_status : JSON.stringify(c.state.customStatus);
  const next: InstanceRow = { ...inst, status: outcome.status, output: outcome.output, failure: outcome.failure, custom_status: customStatus ?? null, updated_at: now };
  if (outcome.status === 'ContinuedAsNew') {
    const input = replay?.continueAsNew?.input ?? null;
    next.status = 'Running';
    next.execution_id = newExecutionId();
    next.input = input;
    store.enqueue(id, next.execution_id, historyEvent(EventType.ExecutionStarted, now, { Name: inst.name, Input: input ?? undefined }), nowMs);
    for (const e of replay?.unconsumedEvents ?? []) store.enqueue(id, null, { ...e, IsPlayed: false }, nowMs);
    ready.push(id);
  }
  store.updateInstance(next);
  if (terminalStatuses.has(outcome.status) && inst.parent_instance_id && inst.parent_task_id !== null) {
    notifyParent(ctx, inst, outcome, nowMs);
    ready.push(inst.parent_instance_id);
  }
  return { newHistory: [...c.history, ...c.committed], activities, ready };
}

function createSubInstance(
  ctx: EngineContext,
  parent: InstanceRow,
  s: { taskId: number; name: string; instanceId: string; input?: string },
  now: string,
  nowMs: number,
): void {
  const exec = newExecutionId();
  const existing = ctx.store.getInstance(s.instanceId);
  if (existing) ctx.store.clearInstance(s.instanceId, false);
  ctx.store.putInstance({
    instance_id: s.instanceId, name: s.name, execution_id: exec, status: 'Pending', input: s.input ?? null,
    output: null, custom_status: null, failure: null, created_at: now, updated_at: now,
    parent_instance_id: parent.instance_id, parent_execution_id: parent.execution_id, parent_task_id: s.taskId,
  });
  const started = historyEvent(EventType.ExecutionStarted, now, { Name: s.name, Input: s.input, ParentInstanceId: parent.instance_id });
  ctx.store.enqueue(s.instanceId, exec, started, nowMs);
}

function notifyParent(ctx: EngineContext, inst: InstanceRow, outcome: Outcome, nowMs: number): void {
  const at = iso(nowMs);
  const taskId = inst.parent_task_id ?? -1;
  const event =
    outcome.status === 'Completed'
      ? historyEvent(EventType.SubOrchestrationInstanceCompleted, at, { TaskScheduledId: taskId, Result: outcome.output ?? 'null' })
      : historyEvent(EventType.SubOrchestrationInstanceFailed, at, {
          TaskScheduledId: taskId,
          Reason: (parseJson(outcome.output) as string | undefined) ?? `Orchestration '${inst.name}' ${outcome.status}`,
          Details: outcome.failure ?? '',
        });
  ctx.store.enqueue(inst.parent_instance_id ?? '', inst.parent_execution_id, event, nowMs);
}

async function handleControl(ctx: EngineContext, inst: InstanceRow, row: InboxRow, now: string): Promise<void> {
  const event = JSON.parse(row.event) as HistoryEvent;
  const { store } = ctx;
  const history = ctx.historyCache.get(inst.instance_id) ?? store.loadHistory(inst.instance_id);
  const next: InstanceRow = { ...inst, updated_at: now };
  const events = [historyEvent(EventType.OrchestratorStarted, now), { ...event, IsPlayed: false }];
  let ready = false;
  if (event.EventType === EventType.ExecutionTerminated) {
    next.status = 'Terminated';
    next.output = event.Input ?? null;
    events.push(historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'Terminated', Result: event.Input }));
  } else if (event.EventType === EventType.ExecutionSuspended) {
    next.status = 'Suspended';
  } else {
    next.status = history.length > 0 ? 'Running' : 'Pending';
    ready = true;
  }
  events.push(historyEvent(EventType.OrchestratorCompleted, now));
  await ctx.batcher.write(() => {
    store.deleteInbox(row.id);
    store.appendHistory(inst.instance_id, history.length, events);
    store.updateInstance(next);
    if (next.status === 'Terminated') store.clearInstance(inst.instance_id, false);
    if (next.status === 'Terminated') store.appendHistory(inst.instance_id, 0, [...history, ...events]);
  });
  ctx.historyCache.set(inst.instance_id, [...history, ...events]);
  if (next.status === 'Terminated') ctx.historyCache.delete(inst.instance_id);
  if (ready || next.status === 'Terminated') ctx.markReady([inst.instance_id]);
}
