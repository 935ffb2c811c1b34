/**
 * A local fake of the Language service `analyze-text/jobs` API (2024-11-01) for the Healthcare task, speaking the
 * documented wire format: POST → 202 + operation-location, GET → notStarted/running/succeeded/failed job states
 * with HealthcareLROResults (entities with UTF-16 offsets, assertions, links, relations by JSON pointer,
 * fhirBundle), per-document errors, and scripted 429/5xx responses (on submit and on status checks) with
 * Retry-After in seconds or as an HTTP date.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOptions {
  /** Status codes to answer the next POSTs with before accepting (e.g. [429]); `retryAfter` is sent with them. */
  submitFailures?: number[];
  retryAfter?: string;
  /** Polls answered "running" before the result (each with Retry-After when `pollRetryAfter` is set). */
  runningPolls?: number;
  pollRetryAfter?: string;
  /** Status codes to answer the next status GETs with (e.g. [429]), with `pollRetryAfter`. */
  pollFailures?: number[];
  /** Make the job fail with this error code. */
  failJob?: string;
  /** Documents whose text contains this marker come back in `errors` (a partial result). */
  badDocumentMarker?: string;
  key?: string;
  bearer?: string;
}

export interface FakeService {
  url: string;
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[];
  close(): Promise<void>;
}

const LEXICON: Record<string, { category: string; links: { dataSource: string; id: string }[]; name: string }> = {
  fever: {
    category: 'SymptomOrSign',
    name: 'Fever',
    links: [
      { dataSource: 'UMLS', id: 'C0015967' },
      { dataSource: 'ICD10CM', id: 'R50.9' },
      { dataSource: 'SNOMEDCT_US', id: '386661006' },
    ],
  },
  metformin: {
    category: 'MedicationName',
    name: 'metformin',
    links: [
      { dataSource: 'UMLS', id: 'C0025598' },
      { dataSource: 'RXNORM', id: '6809' },
    ],
  },
  '500 mg': { category: 'Dosage', name: '500 mg', links: [] },
  asthma: { category: 'Diagnosis', name: 'Asthma', links: [{ dataSource: 'ICD10CM', id: 'J45.909' }] },
};

type Doc = { id: string; text: string };

function analyse(doc: Doc, index: number): Record<string, unknown> {
  const entities: Record<string, unknown>[] = [];
  for (const [term, info] of Object.entries(LEXICON)) {
    for (let at = doc.text.indexOf(term); at >= 0; at = doc.text.indexOf(term, at + 1)) {
      const before = doc.text.slice(Math.max(0, at - 10), at);
      const assertion = /\bno $/i.test(before)
        ? { certainty: 'negative' }
        : /\bhad $/.test(before)
          ? { temporality: 'past' }
          : undefined;
      entities.push({
        offset: at,
        length: term.length,
        text: term,
        category: info.category,
        confidenceScore: 0.97,
        name: info.name,
        links: info.links,
        ...(assertion ? { assertion } : {}),
      });
    }
  }
  entities.sort((a, b) => (a.offset as number) - (b.offset as number));
  const med = entities.findIndex((e) => e.category === 'MedicationName');
  const dose = entities.findIndex((e) => e.category === 'Dosage');
  const relations =
    med >= 0 && dose >= 0
      ? [
          {
            relationType: 'DosageOfMedication',
            confidenceScore: 0.99,
            entities: [
              { ref: `#/results/documents/${index}/entities/${dose}`, role: 'Dosage' },
              { ref: `#/results/documents/${index}/entities/${med}`, role: 'Medication' },
            ],
          },
        ]
      : [];
  return {
    id: doc.id,
    entities,
    relations,
    warnings: [],
    fhirBundle: { resourceType: 'Bundle', id: `b-${doc.id}`, type: 'document', entry: [] },
  };
}

export async function startFakeLanguageService(options: FakeOptions = {}): Promise<FakeService> {
  const requests: FakeService['requests'] = [];
  const jobs = new Map<string, { docs: Doc[]; polls: number }>();
  const submitFailures = [...(options.submitFailures ?? [])];
  const pollFailures = [...(options.pollFailures ?? [])];
  let next = 0;
  let base = '';
  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { ...(body ? { 'content-type': 'application/json' } : {}), ...headers });
    res.end(body ? JSON.stringify(body) : undefined);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
      const authorized = options.key
        ? req.headers['ocp-apim-subscription-key'] === options.key
        : req.headers.authorization === `Bearer ${options.bearer}`;
      if (!authorized)
        return send(res, 401, {
          error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' },
        });
      if (url.searchParams.get('api-version') !== '2024-11-01')
        return send(res, 404, { error: { code: 'NotFound', message: 'Resource not found' } });
      if (req.method === 'POST' && url.pathname === '/language/analyze-text/jobs') {
        const failure = submitFailures.shift();
        if (failure)
          return send(
            res,
            failure,
            { error: { code: failure === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'try later' } },
            options.retryAfter ? { 'retry-after': options.retryAfter } : {},
          );
        const input = body as { analysisInput?: { documents?: Doc[] }; tasks?: { kind?: string }[] };
        if (input.tasks?.[0]?.kind !== 'Healthcare')
          return send(res, 400, { error: { code: 'InvalidRequest', message: 'bad task' } });
        const id = `00000000-0000-0000-0000-${String(++next).padStart(12, '0')}`;
        jobs.set(id, { docs: input.analysisInput?.documents ?? [], polls: 0 });
        return send(res, 202, undefined, {
          'operation-location': `${base}/language/analyze-text/jobs/${id}?api-version=2024-11-01`,
        });
      }
      const match = /^\/language\/analyze-text\/jobs\/([0-9a-f-]+)$/.exec(url.pathname);
      const job = match ? jobs.get(match[1]!) : undefined;
      if (req.method === 'GET' && job && match) {
        const pollFailure = pollFailures.shift();
        if (pollFailure)
          return send(
            res,
            pollFailure,
            { error: { code: pollFailure === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'try later' } },
            options.pollRetryAfter ? { 'retry-after': options.pollRetryAfter } : {},
          );
        const common = {
          jobId: match[1],
          createdDateTime: '2026-11-23T12:00:00Z',
          lastUpdatedDateTime: '2026-11-23T12:00:01Z',
          expirationDateTime: '2026-11-24T12:00:00Z',
          displayName: 'clinscribe',
        };
        if (job.polls++ < (options.runningPolls ?? 0)) {
          return send(
            res,
            200,
            {
              ...common,
              status: job.polls === 1 ? 'notStarted' : 'running',
              errors: [],
              tasks: { completed: 0, failed: 0, inProgress: 1, total: 1, items: [] },
            },
            options.pollRetryAfter ? { 'retry-after': options.pollRetryAfter } : {},
          );
        }
        if (options.failJob) {
          return send(res, 200, {
            ...common,
            status: 'failed',
            errors: [{ code: options.failJob, message: 'Job task parameter value bad' }],
            tasks: { completed: 0, failed: 1, inProgress: 0, total: 1, items: [] },
          });
        }
        const good = job.docs.filter((d) => !options.badDocumentMarker || !d.text.includes(options.badDocumentMarker));
        const bad = job.docs.filter((d) => options.badDocumentMarker && d.text.includes(options.badDocumentMarker));
        const results = {
          modelVersion: '2023-04-28',
          documents: good.map((d, i) => analyse(d, i)),
          errors: bad.map((d) => ({
            id: d.id,
            error: {
              code: 'InvalidArgument',
              message: 'Invalid Document in request.',
              innererror: { code: 'InvalidDocument', message: 'Document text is empty.' },
            },
          })),
        };
        return send(res, 200, {
          ...common,
          status: 'succeeded',
          errors: [],
          tasks: {
            completed: 1,
            failed: 0,
            inProgress: 0,
            total: 1,
            items: [
              {
                kind: 'HealthcareLROResults',
                taskName: 'health',
                lastUpdateDateTime: common.lastUpdatedDateTime,
                status: 'succeeded',
                results,
              },
            ],
          },
        });
      }
      send(res, 404, { error: { code: 'NotFound', message: 'no such job' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
