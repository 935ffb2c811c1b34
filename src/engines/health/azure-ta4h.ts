import type { TokenCredential } from '@azure/identity';

import { isRetriableStatus, NonRetriableError, parseRetryAfter, TransientError } from '../../errors';
import { log } from '../../log';
import type { TextChunk } from '../../model/chunk';
import type { HealthAnalysis } from '../../model/health';
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

/** Text Analytics for Health through the async `analyze-text/jobs` REST API, FHIR R4 bundles requested. */
export function createAzureHealthEngine(options: AzureHealthOptions): HealthEngine {
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
  async function call(url: string, init: { method: string; body?: string }, signal?: AbortSignal): Promise<Response> {
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
      if (attempt >= maxAttempts) {
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

  async function runJob(documents: PlannedDocument[], signal?: AbortSignal): Promise<Ta4hResults> {
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
    const location = submitted.headers.get('operation-location');
    if (!location)
      throw new NonRetriableError(
        'NoOperationLocation',
        'the Language service accepted the job without an operation-location',
      );
    const deadline = Date.now() + (options.jobTimeoutMs ?? 30 * 60_000);
    for (;;) {
      const polled = await call(location, { method: 'GET' }, signal);
      if (polled.status !== 200) throw await serviceError(polled, 'poll');
      const state = (await polled.json()) as Ta4hJobState;
      if (state.status === 'succeeded' || state.status === 'partiallyCompleted') {
        const item = state.tasks?.items?.find((i) => i.kind === 'HealthcareLROResults' && i.results);
        if (!item?.results) throw jobError(state, 'the job finished without Healthcare results');
        return item.results;
      }
      if (state.status === 'failed' || state.status === 'cancelled' || state.status === 'cancelling')
        throw jobError(state, `the job ${state.status}`);
      if (Date.now() > deadline)
        throw new TransientError('JobTimeout', 'the Language service job did not finish in time');
      await wait(retryAfterMs(polled) ?? options.pollIntervalMs ?? 1_000, signal);
    }
  }

  return {
    name: 'azure',
    async analyze(chunks: TextChunk[], opts?: { signal?: AbortSignal }): Promise<HealthAnalysis> {
      const spans: SegmentSpan[] = chunks.flatMap((c) =>
        c.segments.map((s) => ({ id: s.id, offset: c.offset + s.offset, length: s.length })),
      );
      const requests = planTa4hRequests(chunks, options.language ?? 'en');
      const partials: HealthAnalysis[] = [];
      for (const documents of requests) {
        const started = Date.now();
        const results = await runJob(documents, opts?.signal);
        partials.push(fromTa4hResult(results, new Map(documents.map((d) => [d.id, d.offset])), spans));
        log.info('health.azure.job', {
          documents: documents.length,
          durationMs: Date.now() - started,
          errors: results.errors?.length ?? 0,
        });
      }
      if (partials.length === 0) return { engine: 'azure', entities: [], relations: [], warnings: [] };
      return mergeAnalyses(partials);
    },
  };
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
