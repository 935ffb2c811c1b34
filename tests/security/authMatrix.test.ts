/**
 * Auth matrix (issue 10): every HTTP route the running host registered for the app, plus the host's management
 * paths, × {no key, wrong key, function key, system key (when the host has one), master key} × {header, query}.
 * Each answers as its declared level says, and no response to a function-level caller carries a system or master key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestHost, waitFor } from '../helpers/hostHarness';
import { Api, startPipelineHost } from '../integration/pipeline-helpers';

/** `system`: the Durable management API, open to the master key and the durabletask_extension system key. */
type Level = 'anonymous' | 'function' | 'admin' | 'system';
interface Target {
  label: string;
  method: string;
  path: string;
  level: Level;
  body?: string;
}
type Form = 'none' | 'wrong' | 'function' | 'system' | 'master';

let host: TestHost;
let api: Api;
let encounterId = '';

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
  const started = await api.upload(Buffer.from('Doctor: Any allergies?\nPatient: None that I know of.\n'));
  encounterId = started.encounterId;
  // Polls the status route (200 once finished), tolerating a busy machine's transient answers.
  await waitFor(async () => (await api.fetch(`/api/encounters/${encounterId}/status`)).status === 200, 170_000, 500);
}, 180_000);
afterAll(async () => host?.stop());

/** The app's HTTP routes as the host registered them, with parameters filled in harmlessly. */
function appTargets(): Target[] {
  const targets: Target[] = [];
  for (const fn of host.host.app.functions) {
    if (fn.trigger.type.toLowerCase() !== 'httptrigger') continue;
    const route = String(fn.trigger.route ?? fn.name)
      .replace('{*path}', 'index.html')
      .replace('{artifact}', 'manifest');
    const level = String(fn.trigger.authLevel ?? 'function').toLowerCase() as Level;
    for (const method of (fn.trigger.methods as string[] | undefined) ?? ['GET']) {
      // DELETE and review get an id that does not exist: authorised callers get 404, and nothing is deleted.
      const id = method === 'GET' ? encounterId : 'enc-00000000000000000000000000000000';
      const body =
        method === 'POST' ? (route === 'encounters' ? 'Doctor: Hello.\n' : '{"action":"approve"}') : undefined;
      targets.push({ label: `${fn.name} ${method}`, method, path: `/api/${route.replace('{id}', id)}`, level, body });
    }
  }
  return targets;
}

const MANAGEMENT: Target[] = [
  { label: 'host status', method: 'GET', path: '/admin/host/status', level: 'admin' },
  { label: 'functions list', method: 'GET', path: '/admin/functions', level: 'admin' },
  { label: 'poison list', method: 'GET', path: '/admin/host/blobtrigger/poison', level: 'admin' },
  { label: 'durable instances', method: 'GET', path: '/runtime/webhooks/durabletask/instances', level: 'system' },
  {
    label: 'durable instance',
    method: 'GET',
    path: '/runtime/webhooks/durabletask/instances/enc-00000000000000000000000000000000',
    level: 'system',
  },
];

function keyOf(form: Form): string | undefined {
  const keys = host.keys as typeof host.keys & { systemKeys?: Record<string, string> };
  if (form === 'wrong') return 'not-a-key-0123456789';
  if (form === 'function') return keys.functionKeys.default;
  if (form === 'system') return keys.systemKeys?.durabletask_extension;
  if (form === 'master') return keys.master;
  return undefined;
}

/**
 * Whether a caller presenting `form` may call a route of `level`, as the Functions host decides: function routes take
 * a function key or the master key; a system key opens only its extension's endpoints; admin routes need the master.
 */
function allowed(level: Level, form: Form): boolean {
  if (level === 'anonymous') return true;
  if (level === 'function') return form === 'function' || form === 'master';
  if (level === 'system') return form === 'system' || form === 'master';
  return form === 'master';
}

describe('auth matrix', () => {
  it('enforces every route × key form × header/query as declared; no key leaks to a function caller', async () => {
    const targets = [...appTargets(), ...MANAGEMENT];
    expect(targets.length).toBeGreaterThanOrEqual(12);
    const forms: Form[] = ['none', 'wrong', 'function', 'system', 'master'];
    const secrets = [host.keys.master, keyOf('system')].filter((k): k is string => Boolean(k));
    let requests = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const target of targets)
      for (const form of forms)
        for (const via of ['header', 'query'] as const) {
          const key = keyOf(form);
          if (form === 'system' && !key) {
            skipped++;
            continue;
          }
          if (form === 'none' && via === 'query') continue; // same request as via header
          const url = new URL(`${host.baseUrl}${target.path}`);
          const headers: Record<string, string> = {};
          if (key && via === 'query') url.searchParams.set('code', key);
          if (key && via === 'header') headers['x-functions-key'] = key;
          const response = await fetch(url, { method: target.method, headers, body: target.body });
          const text = await response.text();
          requests++;
          const denied = response.status === 401 || response.status === 403;
          const expectDenied = !allowed(target.level, form);
          if (denied !== expectDenied)
            failures.push(`${target.label} ${form}/${via}: ${response.status} (level ${target.level})`);
          const seen = `${text} ${response.headers.get('location') ?? ''}`;
          if (
            target.level !== 'admin' &&
            target.level !== 'system' &&
            form !== 'master' &&
            secrets.some((s) => seen.includes(s))
          )
            failures.push(`${target.label} ${form}/${via}: response carries a system or master key`);
        }
    process.stderr.write(
      `auth matrix: ${targets.length} routes × ${forms.length} key forms × 2 (header, query): ${requests} requests, ` +
        `${skipped} skipped (no system key on this host), ${failures.length} failures\n`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
