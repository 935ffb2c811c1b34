import { randomUUID } from 'node:crypto';

import type { SystemRequest, SystemResponse } from '../types';
import { type ClientBindingInput, managementUrls } from './clientBinding';
import { type InstanceEnd, instanceFailure, toTimeline } from './dashboardData';
import { type InstanceRow, terminalStatuses } from './durableStore';
import type { EngineContext } from './engineContext';
import { handleEntities } from './entityApi';
import { type HistoryEvent } from './historyEvent';
import {
  type CommandResult,
  PayloadTooLargeError,
  purgeInstances,
  raiseEvent,
  restartInstance,
  sendControl,
  startInstance,
} from './instanceCommands';
import { rewindInstance } from './rewindInstance';
import { toStatusJson } from './statusShape';

export interface ManagementDeps {
  ctx: EngineContext;
  urls: ClientBindingInput;
}

const json = (status: number, body: object, headers?: Record<string, string>): SystemResponse => ({
  status,
  body,
  headers,
});
const message = (status: number, text: string): SystemResponse => json(status, { message: text });
const flag = (v: string | null) => v === 'true';

/** Reads a JSON body; undefined when empty; throws SyntaxError on anything else. */
function readJsonBody(body: Buffer): string | undefined {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  return JSON.stringify(JSON.parse(text));
}

/** As HttpApiHandler: finished → 200 (a failure → 500 with `returnInternalServerErrorOnFailure`), else 202. */
function statusCodeOf(row: InstanceRow, serverErrorOnFailure = false): number {
  if (row.status === 'Failed') return serverErrorOnFailure ? 500 : 200;
  if (row.status === 'Completed' || row.status === 'Terminated' || row.status === 'Canceled') return 200;
  return 202;
}

const isFinished = (row: InstanceRow) => statusCodeOf(row) !== 202;

const commandStatus: Record<CommandResult, number> = {
  ok: 202,
  notFound: 404,
  gone: 410,
  conflict: 409,
  badRequest: 400,
};

/** The request's own URL, except on the client's key-less RPC path (whose token must not travel): the public link. */
function locationOf(deps: ManagementDeps, req: SystemRequest, id: string): string {
  if (req.url.pathname.includes('/rpc/')) return managementUrls(deps.urls, id).statusQueryGetUri ?? '';
  return req.url.toString();
}

function payload(deps: ManagementDeps, id: string): SystemResponse {
  const links = managementUrls(deps.urls, id);
  return json(202, links, { Location: links.statusQueryGetUri ?? '', 'Retry-After': '10' });
}

/**
 * Serves one request of the Durable management API (`path` is relative to /runtime/webhooks/durabletask), with the
 * paths, query options, status codes and JSON shapes of the Functions host.
 */
export async function handleManagement(
  deps: ManagementDeps,
  req: SystemRequest,
  path: string,
): Promise<SystemResponse> {
  try {
    return await route(deps, req, path);
  } catch (error) {
    if (error instanceof SyntaxError) return message(400, `The request body is not valid JSON: ${error.message}`);
    if (error instanceof PayloadTooLargeError) return message(413, error.message);
    throw error;
  }
}

async function route(deps: ManagementDeps, req: SystemRequest, path: string): Promise<SystemResponse> {
  const { ctx } = deps;
  const q = req.url.searchParams;
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, op, arg] = seg;
  if (head === 'orchestrators' && id && req.method === 'POST' && seg.length <= 3) {
    const instanceId = op ?? randomUUID().replace(/-/g, '');
    const invalid = invalidInstanceId(instanceId);
    if (invalid) return message(400, invalid);
    const result = await startInstance(ctx, id, instanceId, readJsonBody(req.body));
    if (result === 'badRequest')
      return message(400, `The function '${id}' doesn't exist, is disabled, or is not an orchestrator function.`);
    if (result === 'conflict')
      return message(409, `An instance with ID '${instanceId}' already exists and is not in a completed state.`);
    const timeout = Number(q.get('timeout'));
    if (timeout > 0)
      return waitForCompletion(deps, instanceId, timeout * 1000, Number(q.get('pollingInterval') || 1) * 1000);
    return payload(deps, instanceId);
  }
  if (head === 'dashboard') return dashboard(ctx, seg.slice(1), q);
  if (head === 'entities') return handleEntities(ctx, req, seg.slice(1));
  if (head !== 'instances') return message(404, 'Not found.');
  if (!id) {
    if (req.method === 'GET') return list(ctx, req);
    if (req.method === 'DELETE') {
      // As the host: a filtered purge needs createdTimeFrom (no accidental purge of everything).
      if (!validTime(q.get('createdTimeFrom')))
        return message(400, "Please provide value for 'createdTimeFrom' parameter.");
      const rows = ctx.store.queryInstances({ ...filters(q), limit: 1_000_000 });
      const n = await purgeInstances(ctx, rows);
      return n > 0 ? json(200, { instancesDeleted: n }) : message(404, 'No instances matched.');
    }
    return message(404, 'Not found.');
  }
  const row = ctx.store.getInstance(id);
  if (!op) {
    if (req.method === 'GET') {
      if (!row) return message(404, `No instance with ID '${id}' found.`);
      const showHistory = flag(q.get('showHistory'));
      const history = showHistory ? ctx.store.loadHistory(id) : undefined;
      const opts = {
        showHistory,
        showHistoryOutput: flag(q.get('showHistoryOutput')),
        showInput: q.get('showInput') !== 'false',
      };
      const code = statusCodeOf(row, flag(q.get('returnInternalServerErrorOnFailure')));
      // Still running: Location (this very URL) and Retry-After, so clients poll politely (as the host answers).
      const headers: Record<string, string> | undefined =
        code === 202 ? { Location: locationOf(deps, req, id), 'Retry-After': '5' } : undefined;
      return json(code, toStatusJson(row, history, opts), headers);
    }
    if (req.method === 'DELETE') {
      // As the host: unknown → 404; otherwise 200 with the count (0 for an instance that has not finished: the
      // storage providers purge only finished instances).
      if (!row) return message(404, `No instance with ID '${id}' found.`);
      return json(200, { instancesDeleted: await purgeInstances(ctx, [row]) });
    }
    return message(404, 'Not found.');
  }
  if (req.method !== 'POST') return message(404, 'Not found.');
  const reason = q.get('reason') ?? '';
  switch (op) {
    case 'raiseEvent': {
      if (!arg) return message(400, 'An event name is required.');
      // HttpApiHandler's order: unknown 404, finished (failed included) 410, then only JSON content is accepted.
      if (!row) return message(404, `No instance with ID '${id}' found.`);
      if (terminalStatuses.has(row.status)) return message(410, `The instance '${id}' is ${row.status}.`);
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      if (type !== 'application/json') return message(400, 'Only application/json request content is supported');
      const result = await raiseEvent(ctx, id, arg, readJsonBody(req.body));
      return result === 'ok'
        ? { status: 202 }
        : message(commandStatus[result], `Cannot raise event on '${id}': ${result}.`);
    }
    case 'terminate':
    case 'suspend':
    case 'resume': {
      const result = await sendControl(ctx, id, op, reason);
      return result === 'ok' ? { status: 202 } : message(commandStatus[result], `Cannot ${op} '${id}': ${result}.`);
    }
    case 'rewind': {
      if (!row) return message(404, `No instance with ID '${id}' found.`);
      if (row.status !== 'Failed' && terminalStatuses.has(row.status))
        return message(410, `The instance '${id}' is ${row.status}.`);
      // As the host (RewindAsync throws InvalidOperationException → 500) for an instance that has not failed.
      if (row.status !== 'Failed')
        return message(500, 'The rewind operation is only supported on failed orchestration instances.');
      await rewindInstance(ctx, row, reason);
      return { status: 202 };
    }
    case 'restart': {
      const newId = q.get('restartWithNewInstanceId') === 'false' ? undefined : randomUUID().replace(/-/g, '');
      const { result, id: started } = await restartInstance(ctx, id, newId);
      if (result === 'ok') return payload(deps, started);
      if (result === 'notFound') return message(400, 'InstanceId does not match a valid orchestration instance.');
      if (result === 'conflict')
        return message(409, `An instance with ID '${started}' already exists and is not in a completed state.`);
      return message(commandStatus[result], `Cannot restart '${id}': ${result}.`);
    }
    default:
      return message(404, 'Not found.');
  }
}

/** The client's StartNewAsync checks on an instance id (400 when one fails). */
function invalidInstanceId(id: string): string | undefined {
  if (id.startsWith('@')) return 'Orchestration instance ids must not start with @.';
  if (/[/\\?#\u0000-\u001f\u007f]/.test(id))
    return 'Orchestration instance ids must not contain /, \\, #, ?, or control characters.';
  if (id.length > 256) return 'Instance ID lengths must not exceed 256 characters.';
  return undefined;
}

const validTime = (v: string | null) => !!v && !Number.isNaN(Date.parse(v));

function filters(q: URLSearchParams): {
  statuses?: string[];
  createdFrom?: string;
  createdTo?: string;
  prefix?: string;
} {
  const statuses = q
    .getAll('runtimeStatus')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const time = (v: string | null) => (v ? new Date(v).toISOString() : undefined);
  return {
    statuses,
    createdFrom: time(q.get('createdTimeFrom')),
    createdTo: time(q.get('createdTimeTo')),
    prefix: q.get('instanceIdPrefix') ?? undefined,
  };
}

function list(ctx: EngineContext, req: SystemRequest): SystemResponse {
  const q = req.url.searchParams;
  const top = Math.min(Math.max(Number(q.get('top')) || 100, 1), 1000);
  const token = req.headers['x-ms-continuation-token'];
  const after =
    typeof token === 'string' && token
      ? (JSON.parse(Buffer.from(token, 'base64url').toString()) as { createdAt: string; instanceId: string })
      : undefined;
  const rows = ctx.store.queryInstances({ ...filters(q), after, limit: top + 1 });
  const page = rows.slice(0, top);
  const showInput = q.get('showInput') !== 'false';
  const headers: Record<string, string> = {};
  const last = page[page.length - 1];
  if (rows.length > top && last) {
    headers['x-ms-continuation-token'] = Buffer.from(
      JSON.stringify({ createdAt: last.created_at, instanceId: last.instance_id }),
    ).toString('base64url');
  }
  return { status: 200, headers, body: page.map((r) => toStatusJson(r, undefined, { showInput })) };
}

async function waitForCompletion(
  deps: ManagementDeps,
  id: string,
  timeoutMs: number,
  intervalMs: number,
): Promise<SystemResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = deps.ctx.store.getInstance(id);
    if (row?.status === 'Completed')
      return { status: 200, body: row.output ?? 'null', headers: { 'Content-Type': 'application/json' } };
    if (row && isFinished(row)) return json(200, toStatusJson(row, undefined, {}));
    if (Date.now() >= deadline) return payload(deps, id);
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(10, deadline - Date.now()))));
  }
}

function dashboard(ctx: EngineContext, seg: string[], q: URLSearchParams): SystemResponse {
  if (seg[0] !== 'instances') return message(404, 'Not found.');
  const id = seg[1];
  if (!id) {
    const top = Math.min(Number(q.get('top')) || 200, 5000);
    const rows = ctx.store.queryInstances({ ...filters(q), limit: top });
    const instances = rows.map((r) => ({
      instanceId: r.instance_id,
      name: r.name,
      runtimeStatus: r.status,
      createdTime: r.created_at,
      lastUpdatedTime: r.updated_at,
    }));
    return json(200, { counts: ctx.store.countsByStatus(), instances });
  }
  const row = ctx.store.getInstance(id);
  if (!row || seg[2] !== 'timeline') return message(404, `No instance with ID '${id}' found.`);
  return json(200, {
    instanceId: id,
    name: row.name,
    runtimeStatus: row.status,
    createdTime: row.created_at,
    lastUpdatedTime: row.updated_at,
    ...timelineOf(ctx.store.loadHistory(id), { runtimeStatus: row.status, lastUpdatedTime: row.updated_at }),
  });
}

/** The dashboard's view of a history: its items (open ones closed at the end) and the instance's failure reason. */
function timelineOf(history: HistoryEvent[], end: InstanceEnd): { items: unknown[]; failure?: string } {
  return { items: toTimeline(history, end), failure: instanceFailure(history) };
}
