import { randomUUID } from 'node:crypto';

import { type EngineContext, iso } from './engineContext';
import {
  type EntityRequest,
  entityRequestEvent,
  entityResponseEvent,
  entitySchedulerId,
  parseEntityId,
} from './entityMessages';
import type { EntityRow } from './entityStore';
import type { HistoryEvent } from './historyEvent';

interface Outgoing {
  target: string;
  execution: string | null;
  event: HistoryEvent;
}

/** What durable-functions' entity wrapper returns (EntityState). */
interface EntityResult {
  entityExists?: boolean;
  entityState?: string;
  results?: { isError: boolean; result?: string }[];
  signals?: { target: { name: string; key: string }; name: string; input?: string }[];
}

/**
 * Runs one batch of an entity (scheduler id `@name@key`): takes its visible messages after the ones deferred
 * earlier, applies lock grants and releases in order (while an orchestration holds the lock, only its requests
 * run; the others wait), invokes the entity function once with the operations, answers calls, forwards lock
 * requests to the next entity of the lock set (or grants them), delivers the signals the entity sent, and commits
 * state, lock, deferred requests and messages in one transaction.
 */
export async function runEntity(ctx: EngineContext, id: string): Promise<void> {
  const { store } = ctx;
  const nowMs = ctx.now();
  const now = iso(nowMs);
  const rows = store.inboxFor(id, nowMs);
  const self = parseEntityId(id);
  if (rows.length === 0 || !self) return;
  const row: EntityRow = store.entities.get(id) ?? {
    ...{ instance_id: id, name: self.name, key: self.key },
    ...{ state: null, lock_owner: null, queue: '[]', updated_at: now },
  };
  const incoming = rows.map((r) => JSON.parse((JSON.parse(r.event) as HistoryEvent).Input ?? '{}') as EntityRequest);
  let pending = [...(JSON.parse(row.queue) as EntityRequest[]), ...incoming];
  const deferred: EntityRequest[] = [];
  const batch: EntityRequest[] = [];
  const out: Outgoing[] = [];
  let owner = row.lock_owner;
  for (let req = pending.shift(); req; req = pending.shift()) {
    if (owner !== null && req.parent !== owner) deferred.push(req);
    else if (req.release) {
      if (owner !== null) pending = [...deferred.splice(0), ...pending];
      owner = null;
    } else if (req.lockSet) {
      owner = req.parent ?? null;
      const next = (req.position ?? 0) + 1;
      const target = req.lockSet[next];
      if (target) out.push({ target, execution: null, event: entityRequestEvent({ ...req, position: next }, now) });
      else out.push(answer(req, {}, now));
    } else batch.push(req);
  }
  const state = batch.length > 0 ? await runBatch(ctx, row, batch, out, now) : row.state;
  await ctx.batcher.write(() => {
    for (const r of rows) store.deleteInbox(r.id);
    store.entities.put({ ...row, state, lock_owner: owner, queue: JSON.stringify(deferred), updated_at: now });
    for (const m of out) store.enqueue(m.target, m.execution, m.event, nowMs);
  });
  ctx.markReady(new Set(out.map((m) => m.target)));
}

function answer(req: EntityRequest, response: { result?: string; exceptionType?: string }, at: string): Outgoing {
  return {
    target: req.parent ?? '',
    execution: req.parentExecution ?? null,
    event: entityResponseEvent(req.id, response, at),
  };
}

/** The entity function registered for `name` (entity names compare case-insensitively, as scheduler ids). */
function entityFunction(ctx: EngineContext, name: string): string | undefined {
  return ctx.invoker
    .functions()
    .find((f) => f.trigger.type.toLowerCase() === 'entitytrigger' && f.name.toLowerCase() === name)?.name;
}

/** Invokes the entity function with `batch`; returns the new state (null: the entity does not exist). */
async function runBatch(
  ctx: EngineContext,
  row: EntityRow,
  batch: EntityRequest[],
  out: Outgoing[],
  now: string,
): Promise<string | null> {
  const fn = entityFunction(ctx, row.name);
  let result: EntityResult;
  try {
    if (!fn) throw new Error(`Entity function '${row.name}' does not exist.`);
    const trigger = {
      self: { name: row.name, key: row.key },
      exists: row.state !== null,
      state: row.state ?? undefined,
      batch: batch.map((r) => ({ name: r.op ?? '', signal: !!r.signal, input: r.input, id: r.id })),
    };
    result = ((await ctx.invoker.invoke(fn, trigger)) ?? {}) as EntityResult;
  } catch (error) {
    // The whole batch failed (not one operation): every call gets the error; the state is unchanged.
    const message = JSON.stringify(error instanceof Error ? error.message : String(error));
    for (const r of batch)
      if (!r.signal && r.parent) out.push(answer(r, { result: message, exceptionType: 'Error' }, now));
    ctx.log.warn('durable entity batch failed', { entity: row.name, operations: batch.length });
    return row.state;
  }
  batch.forEach((r, i) => {
    const op = result.results?.[i];
    if (r.signal || !r.parent) return;
    out.push(answer(r, op?.isError ? { result: op.result, exceptionType: 'Error' } : { result: op?.result }, now));
  });
  for (const s of result.signals ?? []) {
    const target = entitySchedulerId(s.target.name, s.target.key);
    const request: EntityRequest = { id: randomUUID(), op: s.name, signal: true, input: s.input || undefined };
    out.push({ target, execution: null, event: entityRequestEvent(request, now) });
  }
  return result.entityExists ? (result.entityState ?? 'null') : null;
}
