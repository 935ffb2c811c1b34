import { type InstanceRow, terminalStatuses } from './durableStore';
import { type EngineContext, iso, newExecutionId } from './engineContext';
import { EventType, historyEvent } from './historyEvent';

export type CommandResult = 'ok' | 'notFound' | 'gone' | 'conflict' | 'badRequest';

/** Throws when `text` is larger than the payload limit, naming the limit. */
export function checkPayload(ctx: EngineContext, what: string, text: string | undefined): void {
  const size = text === undefined ? 0 : Buffer.byteLength(text);
  if (size > ctx.options.maxPayloadBytes) {
    throw new PayloadTooLargeError(
      `${what} is ${size} bytes, over the durable payload limit of ${ctx.options.maxPayloadBytes} bytes.`,
    );
  }
}

export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

/**
 * Schedules a new orchestration. An existing instance that is still pending, running or suspended is a conflict
 * (the Functions host refuses to overwrite it); a finished one is replaced by a new execution.
 */
export async function startInstance(
  ctx: EngineContext,
  name: string,
  instanceId: string,
  input: string | undefined,
): Promise<CommandResult> {
  if (ctx.functionType(name) !== 'orchestrationTrigger') return 'badRequest';
  checkPayload(ctx, 'The orchestration input', input);
  const nowMs = ctx.now();
  const now = iso(nowMs);
  const result = await ctx.batcher.write((): CommandResult => {
    const existing = ctx.store.getInstance(instanceId);
    if (existing && !terminalStatuses.has(existing.status)) return 'conflict';
    if (existing) ctx.store.clearInstance(instanceId, false);
    const exec = newExecutionId();
    ctx.store.putInstance({
      instance_id: instanceId,
      name,
      execution_id: exec,
      status: 'Pending',
      input: input ?? null,
      output: null,
      custom_status: null,
      failure: null,
      created_at: now,
      updated_at: now,
      parent_instance_id: null,
      parent_execution_id: null,
      parent_task_id: null,
    });
    ctx.store.enqueue(
      instanceId,
      exec,
      historyEvent(EventType.ExecutionStarted, now, { Name: name, Input: input }),
      nowMs,
    );
    return 'ok';
  });
  if (result === 'ok') {
    ctx.historyCache.delete(instanceId);
    ctx.markReady([instanceId]);
  }
  return result;
}

/** Raises an external event; events raised before the orchestrator waits are buffered in its history. */
export async function raiseEvent(
  ctx: EngineContext,
  instanceId: string,
  eventName: string,
  data: string | undefined,
): Promise<CommandResult> {
  checkPayload(ctx, 'The event data', data);
  const nowMs = ctx.now();
  const result = await ctx.batcher.write((): CommandResult => {
    const inst = ctx.store.getInstance(instanceId);
    if (!inst) return 'notFound';
    if (terminalStatuses.has(inst.status)) return 'gone';
    const event = historyEvent(EventType.EventRaised, iso(nowMs), { Name: eventName, Input: data });
    ctx.store.enqueue(instanceId, null, event, nowMs);
    return 'ok';
  });
  if (result === 'ok') ctx.markReady([instanceId]);
  return result;
}

/** Sends terminate, suspend or resume: 410 Gone when the instance already finished, as the host answers. */
export async function sendControl(
  ctx: EngineContext,
  instanceId: string,
  kind: 'terminate' | 'suspend' | 'resume',
  reason: string,
): Promise<CommandResult> {
  const type =
    kind === 'terminate'
      ? EventType.ExecutionTerminated
      : kind === 'suspend'
        ? EventType.ExecutionSuspended
        : EventType.ExecutionResumed;
  const nowMs = ctx.now();
  const result = await ctx.batcher.write((): CommandResult => {
    const inst = ctx.store.getInstance(instanceId);
    if (!inst) return 'notFound';
    if (terminalStatuses.has(inst.status)) return 'gone';
    if (kind === 'suspend' && inst.status === 'Suspended') return 'ok';
    if (kind === 'resume' && inst.status !== 'Suspended') return 'ok';
    ctx.store.enqueue(
      instanceId,
      null,
      historyEvent(type, iso(nowMs), { Input: JSON.stringify(reason), Reason: reason }),
      nowMs,
    );
    return 'ok';
  });
  if (result === 'ok') ctx.markReady([instanceId]);
  return result;
}

/** Deletes finished instances (history, messages, row). Returns how many were deleted. */
export async function purgeInstances(ctx: EngineContext, rows: InstanceRow[]): Promise<number> {
  const done = rows.filter((r) => terminalStatuses.has(r.status));
  await ctx.batcher.write(() => done.forEach((r) => ctx.store.clearInstance(r.instance_id, true)));
  for (const r of done) ctx.historyCache.delete(r.instance_id);
  return done.length;
}

/**
 * Restarts an instance with its original input, under a new id or (`newId` undefined) the same one. As the
 * extension's RestartAsync (a StartNew): an instance that has not finished is never overwritten ('conflict').
 */
export async function restartInstance(
  ctx: EngineContext,
  instanceId: string,
  newId: string | undefined,
): Promise<{ result: CommandResult; id: string }> {
  const inst = ctx.store.getInstance(instanceId);
  if (!inst) return { result: 'notFound', id: instanceId };
  const id = newId ?? instanceId;
  return { result: await startInstance(ctx, inst.name, id, inst.input ?? undefined), id };
}
