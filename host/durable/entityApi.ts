import { randomUUID } from 'node:crypto';

import type { SystemRequest, SystemResponse } from '../types';
import type { EngineContext } from './engineContext';
import { entityRequestEvent, entitySchedulerId } from './entityMessages';
import { checkPayload } from './instanceCommands';

const message = (status: number, text: string): SystemResponse => ({ status, body: { message: text } });
// As EntityId's checks (and the extension's "@" rule for instance ids): names and keys are path-safe.
const invalid = /[/\\#?\u0000-\u001f\u007f]/;
/** The HTTP API's placeholder for an empty entity key. */
const EMPTY_KEY = '____EMPTYKEY____';

/**
 * `/entities/{name}/{key?}` of the management API, as HttpApiHandler serves it: GET with a key → the state (200)
 * or 404; GET without → the entities of that name; POST → signal operation `op` (JSON content parsed, any other
 * content sent as a string); DELETE → signal `delete`. Always 202 for signals.
 */
export async function handleEntities(ctx: EngineContext, req: SystemRequest, seg: string[]): Promise<SystemResponse> {
  const [name, rawKey] = seg;
  if (!name || seg.length > 2) return message(404, 'Not found.');
  const key = rawKey === EMPTY_KEY ? '' : rawKey;
  if (invalid.test(name) || (key !== undefined && invalid.test(key)))
    return message(400, 'Entity names and keys must not contain /, \\, #, ?, or control characters.');
  if (req.method === 'GET') {
    if (key === undefined) return list(ctx, name, req.url.searchParams);
    const row = ctx.store.entities.get(entitySchedulerId(name, key));
    if (!row || row.state === null) return { status: 404 };
    return { status: 200, body: row.state, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
  }
  if (key === undefined) return message(400, 'An entity key is required.');
  const op = req.method === 'DELETE' ? 'delete' : (req.url.searchParams.get('op') ?? '');
  let input: string | undefined;
  const text = req.body.toString('utf8');
  if (req.body.length > 0) {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (type === 'application/json') {
      try {
        input = JSON.stringify(JSON.parse(text));
      } catch (error) {
        return message(400, `Could not parse JSON content: ${(error as Error).message}`);
      }
    } else input = JSON.stringify(text);
  }
  checkPayload(ctx, 'The entity operation input', input);
  const target = entitySchedulerId(name, key);
  const nowMs = ctx.now();
  const event = entityRequestEvent({ id: randomUUID(), op, signal: true, input }, new Date(nowMs).toISOString());
  await ctx.batcher.write(() => ctx.store.enqueue(target, null, event, nowMs));
  ctx.markReady([target]);
  return { status: 202 };
}

function list(ctx: EngineContext, name: string, q: URLSearchParams): SystemResponse {
  const top = Math.min(Math.max(Number(q.get('top')) || 100, 1), 1000);
  const rows = ctx.store.entities.list(name.toLowerCase(), '', top);
  const body = rows.map((r) => ({
    entityId: { name: r.name, key: r.key },
    lastOperationTime: r.updated_at,
    state: q.get('fetchState') === 'true' ? (JSON.parse(r.state ?? 'null') as unknown) : undefined,
  }));
  return { status: 200, body };
}
