import { commitEpisode, type Outcome } from './commitEpisode';
import { handleControl } from './controlMessages';
import type { InstanceRow } from './durableStore';
import { terminalStatuses } from './durableStore';
import { type EngineContext, iso, parseJson } from './engineContext';
import { runEntity } from './entityEpisode';
import { isEntityId } from './entityMessages';
import { EventType, type HistoryEvent, historyEvent } from './historyEvent';
import { type OrchestratorStateWire, readOrchestratorState, readStateFromError } from './orchestratorState';
import { limitViolation } from './payloadLimits';
import { replayActions, ReplayError, type ReplayOutput } from './replayActions';

const DAY_MS = 86_400_000;
/** Schema V3 limits handed to (and replayed as) the orchestrator: Azure Storage's 6-day timers, 3-day steps. */
const schemaV3 = { timers: { maxShortMs: 6 * DAY_MS, intervalMs: 3 * DAY_MS }, httpSleepMs: 30_000 };

const emptyReplay = (): ReplayOutput => ({
  scheduled: [],
  activities: [],
  timers: [],
  subOrchestrations: [],
  entityMessages: [],
  heldLocks: [],
  synthetic: [],
  canceledTimers: [],
});

const controlTypes = new Set<number>([
  EventType.ExecutionTerminated,
  EventType.ExecutionSuspended,
  EventType.ExecutionResumed,
]);

/** Runs one orchestrator episode for `instanceId`: consumes its visible messages and commits the result atomically. */
export async function runEpisode(ctx: EngineContext, instanceId: string): Promise<void> {
  if (isEntityId(instanceId)) return runEntity(ctx, instanceId);
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
  if (messages.length === 0 || (history.length === 0 && !started)) {
    await ctx.batcher.write(() => rows.forEach((r) => store.deleteInbox(r.id)));
    return;
  }
  if (history.length > 0 && started) history = [];
  // ExecutionStarted first, then completions in arrival order.
  messages.sort((a, b) =>
    a.EventType === EventType.ExecutionStarted ? -1 : b.EventType === EventType.ExecutionStarted ? 1 : 0,
  );
  const newEvents = [
    historyEvent(EventType.OrchestratorStarted, now),
    ...messages.map((e) => ({ ...e, IsPlayed: false })),
  ];
  const fullHistory = [...history.map((e) => ({ ...e, IsPlayed: true })), ...newEvents];

  const { state, error } = await invokeOrchestrator(ctx, inst, fullHistory);
  let replay: ReplayOutput | undefined;
  let failure = error;
  if (state) {
    try {
      const r = replayActions({ instanceId, executionId: inst.execution_id, history: fullHistory, state, schemaV3 });
      if (!failure) replay = r;
      // A failed orchestration schedules nothing, but the entity locks it holds are released (as DTF does).
      else replay = { ...emptyReplay(), heldLocks: r.heldLocks };
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      failure ??= e.message;
    }
  }
  const violation =
    state && replay && !failure ? limitViolation(state, replay, ctx.options.maxPayloadBytes) : undefined;
  if (violation !== undefined && replay) {
    failure = violation;
    replay = { ...emptyReplay(), heldLocks: replay.heldLocks };
  }
  const outcome = decide(inst, state, replay, failure, now);
  const committed = [...newEvents, ...(replay?.scheduled ?? []), ...outcome.events];
  committed.push(historyEvent(EventType.OrchestratorCompleted, now));

  const effects = await ctx.batcher.write(() =>
    commitEpisode(ctx, {
      ...{ inst, rows: [...current, ...stale], history, committed, replay, outcome, nowMs },
      state: violation === undefined ? state : undefined, // an oversized custom status is not stored
    }),
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
    // As the extension: upperSchemaVersion V2, upperSchemaVersionNew the newest schema this host implements — V4
    // (3): V3's long timers and orchestration-side HTTP polling, plus entity locks (durable-functions gates
    // context.df.lock on V4).
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 3,
    maximumShortTimerDuration: '6.00:00:00',
    longRunningTimerIntervalDuration: '3.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: schemaV3.httpSleepMs,
  };
  try {
    const state = readOrchestratorState(await ctx.invoker.invoke(inst.name, trigger));
    return state ? { state } : { error: 'The orchestrator returned no OrchestratorState.' };
  } catch (e) {
    const state = readStateFromError(e);
    // durable-functions reports a thrown value's `.message` only: a thrown string or plain object arrives without one.
    if (state)
      return {
        state,
        error: state.error ?? 'it threw a value that is not an Error (durable-functions passes on no message for it).',
      };
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
    const events = [
      historyEvent(EventType.ExecutionCompleted, now, { OrchestrationStatus: 'Completed', Result: result }),
    ];
    return { status: 'Completed', output: result, failure: null, events };
  }
  return { status: 'Running', output: null, failure: null, events: [] };
}
