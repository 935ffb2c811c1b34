import type { TokenCredential } from '@azure/identity';

import { isRetriableStatus, NonRetriableError, parseRetryAfter, TransientError } from '../../errors';
import { log } from '../../log';
import type { TextChunk } from '../../model/chunk';
import type { HealthAnalysis } from '../../model/health';
import type { JobPoll } from '../../model/jobs';
import type { SegmentSpan } from '../../model/transcriptText';
import type { HealthEngine } from './engine';
import { fromTa4hResult } from './fromTa4hResult';
import { mergeAnalyses } from './mergeAnalyses';
import type { PlannedDocument } from './ta4hBatches';
import { planTa4hRequests } from './ta4hBatches';
import type { Ta4hJobInput, Ta4hJobState, Ta4hResults } from './ta4hTypes';
import { TA4H_API_VERSION } from './ta4hTypes';

export interface AzureHealthOptions {
  /** `https://<resource>.cognitiveservices.azure.com` (no path). */
  endpoint: string;
  /** Subscription key; without it, Microsoft Entra ID via `credential` or DefaultAzureCredential. */
  key?: string;
  credential?: TokenCredential;
  language?: string;
  /** Attempts per HTTP call for 408/429/5xx and network errors (default 6). */
  maxAttempts?: number;
  /** First backoff when the service gives no Retry-After (default 2 s, doubling, capped at 60 s). */
  retryDelayMs?: number;
  /** Poll interval when the service gives no Retry-After (default 1 s). */
  pollIntervalMs?: number;
  /** Give up polling one job after this long (default 30 min). */
  jobTimeoutMs?: number;
  /** Waits between attempts and polls (tests pass a recorder; default a real timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const SCOPE = 'https://cognitiveservices.azure.com/.default';
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The Azure provider: besides `analyze`, job submission and one-shot status checks for the orchestrator. */
export interface AzureHealthEngine extends HealthEngine {
  /** Submits the chunks' Healthcare jobs (one per request of the plan); returns their ids. */
  submit(chunks: TextChunk[], options?: { signal?: AbortSignal }): Promise<string[]>;
  /** One status check of every job; when all succeeded, the merged analysis of the chunks. */
  poll(chunks: TextChunk[], ids: string[], options?: { signal?: AbortSignal }): Promise<JobPoll<HealthAnalysis>>;
}

/**
 * Text Analytics for Health through the async `analyze-text/jobs` REST API (2024-11-01), FHIR R4 bundles
 * requested. Job URLs are rebuilt from the configured endpoint and the job id, never taken from input.
 */
export function createAzureHealthEngine(options: AzureHealthOptions): AzureHealthEngine {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const maxAttempts = options.maxAttempts ?? 6;
  const wait = options.sleep ?? sleep;
  let credential = options.credential;

  async function authHeaders(): Promise<Record<string, string>> {
    if (options.key) return { 'Ocp-Apim-Subscription-Key': options.key };
    if (!credential) {
      const { DefaultAzureCredential } = await import('@azure/identity');
      credential = new DefaultAzureCredential();
    }
    const token = await credential.getToken(SCOPE);
    if (!token) throw new NonRetriableError('AuthFailed', 'no Microsoft Entra token for the Language service');
    return { Authorization: `Bearer ${token.token}` };
  }

  /** One HTTP call with retries on 408/429/5xx and network errors, honouring Retry-After. */
  async function call(
    url: string,
    init: { method: string; body?: string },
    signal?: AbortSignal,
    attempts = maxAttempts,
  ): Promise<Response> {
    let delay = options.retryDelayMs ?? 2_000;
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        const headers = { ...(await authHeaders()), ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
        response = await fetch(url, { ...init, headers, signal });
      } catch (error) {
        if (signal?.aborted) throw error;
        failure = error;
      }
      if (response && !isRetriableStatus(response.status)) return response;
      const pause = response ? (retryAfterMs(response) ?? delay) : delay;
      const code = response ? `Http${response.status}` : 'NetworkError';
      if (attempt >= attempts) {
        throw new TransientError(code, `Language service call failed after ${attempt} attempts`, {
          retryAfterMs: pause,
          cause: failure,
        });
      }
      log.warn('health.azure.retry', { code, attempt, waitMs: pause });
      await response?.body?.cancel();
      await wait(pause, signal);
      delay = Math.min(delay * 2, 60_000);
    }
  }

  const jobUrl = (id: string) =>
    `${endpoint}/language/analyze-text/jobs/${encodeURIComponent(id)}?api-version=${TA4H_API_VERSION}`;

  /** Submits one request of documents; returns the job id from its operation-location. */
  async function submitJob(documents: PlannedDocument[], signal?: AbortSignal): Promise<string> {
    const input: Ta4hJobInput = {
      displayName: 'clinscribe',
      analysisInput: { documents: documents.map(({ id, language, text }) => ({ id, language, text })) },
      tasks: [
        {
          kind: 'Healthcare',
          taskName: 'health',
          parameters: { modelVersion: 'latest', stringIndexType: 'Utf16CodeUnit', fhirVersion: '4.0.1' },
        },
      ],
    };
    const submitted = await call(
      `${endpoint}/language/analyze-text/jobs?api-version=${TA4H_API_VERSION}`,
      { method: 'POST', body: JSON.stringify(input) },
      signal,
    );
    if (submitted.status !== 202) throw await serviceError(submitted, 'submit');
    const id = jobIdOf(submitted.headers.get('operation-location'));
    if (!id)
      throw new NonRetriableError(
        'NoOperationLocation',
        'the Language service accepted the job without an operation-location',
      );
    return id;
  }

  /** One status check of one job: its results, or `running` (also for a 429) with the service's Retry-After. */
  async function checkJob(id: string, signal?: AbortSignal): Promise<JobPoll<Ta4hResults>> {
    let polled: Response;
    try {
      polled = await call(jobUrl(id), { method: 'GET' }, signal, 1);
    } catch (error) {
      if (error instanceof TransientError && error.code === 'Http429')
        return { status: 'running', retryAfterMs: error.retryAfterMs };
      throw error;
    }
    if (polled.status !== 200) throw await serviceError(polled, 'poll');
    const state = (await polled.json()) as Ta4hJobState;
    if (state.status === 'succeeded' || state.status === 'partiallyCompleted') {
      const item = state.tasks?.items?.find((i) => i.kind === 'HealthcareLROResults' && i.results);
      if (!item?.results) throw jobError(state, 'the job finished without Healthcare results');
      return { status: 'succeeded', result: item.results };
    }
    if (state.status === 'failed' || state.status === 'cancelled' || state.status === 'cancelling')
      throw jobError(state, `the job ${state.status}`);
    return { status: 'running', retryAfterMs: retryAfterMs(polled) };
  }

  const spansOf = (chunks: TextChunk[]): SegmentSpan[] =>
    chunks.flatMap((c) => c.segments.map((s) => ({ id: s.id, offset: c.offset + s.offset, length: s.length })));
  const plan = (chunks: TextChunk[]) => planTa4hRequests(chunks, options.language ?? 'en');

  const engine: AzureHealthEngine = {
    name: 'azure',
    async submit(chunks, opts) {
      const ids: string[] = [];
      for (const documents of plan(chunks)) ids.push(await submitJob(documents, opts?.signal));
      log.info('health.azure.submitted', { jobs: ids.length });
      return ids;
    },
    async poll(chunks, ids, opts) {
      const requests = plan(chunks);
      if (requests.length !== ids.length)
        throw new NonRetriableError('InvalidInput', 'job ids do not match the chunk plan');
      const polls = await Promise.all(ids.map((id) => checkJob(id, opts?.signal)));
      const running = polls.filter((p) => p.status === 'running');
      if (running.length > 0) {
        const waits = running.map((p) => p.retryAfterMs).filter((ms): ms is number => ms !== undefined);
        return { status: 'running', retryAfterMs: waits.length ? Math.max(...waits) : undefined };
      }
      const spans = spansOf(chunks);
      const partials = polls.map((p, i) => {
        const results = (p as { result: Ta4hResults }).result;
        const documents = requests[i]!;
        log.info('health.azure.job', { documents: documents.length, errors: results.errors?.length ?? 0 });
        return fromTa4hResult(results, new Map(documents.map((d) => [d.id, d.offset])), spans);
      });
      if (partials.length === 0) return { status: 'succeeded', result: emptyAnalysis() };
      return { status: 'succeeded', result: mergeAnalyses(partials) };
    },
    async analyze(chunks, opts) {
      // In-process polling, for the CLI: the pipeline submits and polls from the orchestrator instead.
      const ids = await engine.submit(chunks, opts);
      const deadline = Date.now() + (options.jobTimeoutMs ?? 30 * 60_000);
      for (;;) {
        const polled = await engine.poll(chunks, ids, opts);
        if (polled.status === 'succeeded') return polled.result;
        if (Date.now() > deadline)
          throw new TransientError('JobTimeout', 'the Language service job did not finish in time');
        await wait(polled.retryAfterMs ?? options.pollIntervalMs ?? 1_000, opts?.signal);
      }
    },
  };
  return engine;
}

const emptyAnalysis = (): HealthAnalysis => ({ engine: 'azure', entities: [], relations: [], warnings: [] });

/** The job id from an operation-location (`…/language/analyze-text/jobs/{id}?api-version=…`). */
function jobIdOf(location: string | null): string | undefined {
  if (!location) return undefined;
  try {
    return /\/language\/analyze-text\/jobs\/([A-Za-z0-9-]{1,64})$/.exec(new URL(location).pathname)?.[1];
  } catch {
    return undefined;
  }
}

function retryAfterMs(response: Response): number | undefined {
  const ms = Number(response.headers.get('retry-after-ms') ?? NaN);
  return Number.isFinite(ms) ? ms : parseRetryAfter(response.headers.get('retry-after'));
}

async function serviceError(response: Response, stage: string): Promise<NonRetriableError> {
  let code = `Http${response.status}`;
  let message = `Language service ${stage} returned ${response.status}`;
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; innererror?: { code?: string } };
    };
    code = body.error?.innererror?.code ?? body.error?.code ?? code;
    if (body.error?.message) message += `: ${body.error.message}`;
  } catch {
    // A body that is not JSON adds nothing useful.
  }
  return new NonRetriableError(code, message);
}

function jobError(state: Ta4hJobState, what: string): NonRetriableError | TransientError {
  const first = state.errors?.[0];
  const code = first?.innererror?.code ?? first?.code ?? 'JobFailed';
  const message = `Language service: ${what}${first?.message ? `: ${first.message}` : ''}`;
  return /InternalServerError|ServiceUnavailable|Timeout|TooManyRequests/.test(code)
    ? new TransientError(code, message)
    : new NonRetriableError(code, message);
}
