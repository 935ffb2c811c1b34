/**
 * A local FHIR server fake that speaks the wire format of POST [base] with a `transaction` Bundle and enforces its
 * semantics: conditional create by `ifNoneExist`, PUT update-as-create, urn:uuid reference rewriting, all or nothing.
 * Scripted failures (429 + Retry-After, 5xx) are served first when queued.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

type Stored = Resource & { id: string };
export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeFhirServer {
  url: string;
  store: Map<string, Stored>;
  requests: Array<{ authorization?: string; contentType?: string }>;
  failures: ScriptedFailure[];
  close(): Promise<void>;
}

const outcome = (code: string, diagnostics: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics }],
});

class TransactionError extends Error {}

function matches(resource: Stored, query: string): boolean {
  const params = new URLSearchParams(query);
  const wanted = params.get('identifier');
  if (!wanted || [...params.keys()].length !== 1) throw new TransactionError(`unsupported ifNoneExist ${query}`);
  const [system, value] = wanted.includes('|') ? wanted.split('|', 2) : [undefined, wanted];
  const raw = (resource as { identifier?: unknown }).identifier;
  const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ system?: string; value?: string }>;
  return ids.some((i) => i.value === value && (system === undefined || i.system === system));
}

function rewrite(value: unknown, map: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) {
        const target = map.get(v);
        if (!target) throw new TransactionError(`unresolved reference ${v}`);
        return [k, target];
      }
      return [k, rewrite(v, map)];
    }),
  );
}

/** Applies a transaction to a copy of the store; the caller commits the copy only when nothing threw. */
function apply(
  store: Map<string, Stored>,
  bundle: Bundle,
  nextId: () => string,
): { store: Map<string, Stored>; response: Bundle } {
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'transaction')
    throw new TransactionError('expected a transaction Bundle');
  const work = new Map(store);
  const map = new Map<string, string>();
  const pending: Array<{ key: string; resource: Stored; isNew: boolean }> = [];
  const results: BundleEntry[] = [];
  for (const entry of bundle.entry ?? []) {
    const { request, resource, fullUrl } = entry;
    if (!request || !resource) throw new TransactionError('entry without request or resource');
    if (request.method === 'POST') {
      if (request.url !== resource.resourceType)
        throw new TransactionError(`POST url ${request.url} does not match ${resource.resourceType}`);
      const found = request.ifNoneExist
        ? [...work.values()].filter((r) => r.resourceType === resource.resourceType && matches(r, request.ifNoneExist!))
        : [];
      if (found.length > 1) throw new TransactionError(`ifNoneExist matched ${found.length} resources`);
      const existing = found[0];
      const key = existing ? `${existing.resourceType}/${existing.id}` : `${resource.resourceType}/${nextId()}`;
      if (fullUrl) map.set(fullUrl, key);
      if (!existing) pending.push({ key, resource: { ...resource, id: key.split('/')[1]! } as Stored, isNew: true });
      results.push({ response: { status: existing ? '200 OK' : '201 Created', location: key } });
    } else if (request.method === 'PUT') {
      const [type, id] = request.url.split('/');
      if (type !== resource.resourceType || !id || resource.id !== id)
        throw new TransactionError(`PUT ${request.url} does not match its resource`);
      if (fullUrl) map.set(fullUrl, request.url);
      const isNew = !work.has(request.url);
      pending.push({ key: request.url, resource: resource as Stored, isNew });
      results.push({ response: { status: isNew ? '201 Created' : '200 OK', location: request.url } });
    } else throw new TransactionError(`unsupported method ${request.method}`);
  }
  for (const p of pending) work.set(p.key, rewrite(p.resource, map) as Stored);
  return { store: work, response: { resourceType: 'Bundle', type: 'transaction-response', entry: results } };
}

/** Starts the fake on a random port. `token`, when given, is the only bearer token accepted. */
export async function startFakeFhirServer(options: { token?: string } = {}): Promise<FakeFhirServer> {
  let counter = 0;
  const fake: Omit<FakeFhirServer, 'url' | 'close'> = { store: new Map(), requests: [], failures: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'] });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
        res.end(JSON.stringify(body));
      };
      const failure = fake.failures.shift();
      if (failure)
        return send(failure.status, failure.body ?? outcome('throttled', 'scripted failure'), failure.headers);
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
        return send(401, outcome('login', 'bad token'));
      if (req.method !== 'POST' || (req.url !== '/' && req.url !== ''))
        return send(404, outcome('not-found', 'POST [base] only'));
      try {
        const result = apply(
          fake.store,
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as Bundle,
          () => `r${++counter}`,
        );
        fake.store = result.store;
        send(200, result.response);
      } catch (error) {
        send(400, outcome('processing', (error as Error).message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeFhirServer;
}
