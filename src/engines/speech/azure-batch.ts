import { z } from 'zod';

import { NonRetriableError, parseRetryAfter, TransientError } from '../../errors';
import { log } from '../../log';
import { type JobPoll, nextPollSeconds } from '../../model/jobs';
import type { Transcript } from '../../model/transcript';
import { type AudioLimits, DEFAULT_AUDIO_LIMITS } from '../audio/audioLimits';
import { inspectAudio } from '../audio/inspectAudio';
import type { AzureSpeechOptions } from './azure-fast';
import { speechAuthHeaders } from './azureAuth';
import { BATCH_API_VERSION, batchDefinition, jobIdOf } from './batchDefinition';
import { fromBatchTranscription } from './fromBatchTranscription';
import type { AudioInput, SpeechEngine, TranscribeOptions, TranscribeOrJob } from './index';
import { DEFAULT_RETRY, readJson, type RetryPolicy, sendWithRetry } from './sendWithRetry';

export { batchDefinition, BATCH_API_VERSION } from './batchDefinition';

/** Options of one batch transcription; `jobId` resumes a job submitted earlier. */
export interface BatchTranscribeOptions extends TranscribeOptions {
  jobId?: string;
}

/** Only for `transcribe()` (the CLI), which polls in-process; the pipeline polls from the orchestrator. */
export interface BatchPolling {
  /** Give up (transiently) after this long. */
  maxWaitMs: number;
}

const Job = z.object({
  self: z.string(),
  status: z.enum(['NotStarted', 'Running', 'Succeeded', 'Failed']),
  properties: z
    .object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional() })
    .optional(),
});
const Files = z.object({
  values: z.array(z.object({ kind: z.string(), links: z.object({ contentUrl: z.string() }) })),
  '@nextLink': z.string().optional(),
});

/**
 * Azure AI Speech batch transcription (REST 2024-11-15, `transcriptions:submit`) for long recordings. `start`
 * submits a job for a service-readable URL and returns its id; `poll` makes one status check (and on success
 * fetches and maps the result); `delete` removes the job once its transcript is saved. Job URLs are always built
 * from the configured endpoint, never taken from input.
 */
export class AzureBatchSpeechEngine implements SpeechEngine {
  readonly name = 'azure-batch';
  private readonly limits: AudioLimits;
  private readonly retry: RetryPolicy;
  private readonly polling: BatchPolling;

  constructor(private readonly options: AzureSpeechOptions & { polling?: Partial<BatchPolling> }) {
    this.limits = { ...DEFAULT_AUDIO_LIMITS, ...options.limits };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.polling = { maxWaitMs: 6 * 3600_000, ...options.polling };
  }

  /** Checks the recording's header and submits the job; returns the job id. */
  async start(input: AudioInput, options: TranscribeOptions = {}): Promise<string> {
    if (!input.sourceUrl)
      throw new NonRetriableError(
        'SourceUrlRequired',
        'Batch transcription needs a URL the Speech service can read (SAS or managed identity).',
      );
    await inspectAudio(input.path, this.limits);
    const body = JSON.stringify(batchDefinition(input.sourceUrl, options));
    const res = await this.call(
      'Batch transcription submit',
      `${this.options.endpoint}/speechtotext/transcriptions:submit?api-version=${BATCH_API_VERSION}`,
      { method: 'POST', body, headers: { 'Content-Type': 'application/json' } },
      options.signal,
    );
    const job = this.parse(Job, await readJson(res, 'Batch transcription submit'), 'job');
    const id = jobIdOf(job.self);
    log.info('speech.azureBatch.submitted', { engine: this.name, status: job.status });
    return id;
  }

  /**
   * One status check. Still running (or throttled: 429) → `running` with the service's Retry-After; succeeded →
   * the transcript; failed → NonRetriableError with the service's reason. Other transient faults throw.
   */
  async poll(id: string, options: TranscribeOptions = {}): Promise<JobPoll<Transcript>> {
    let res: Response;
    try {
      res = await this.call('Batch transcription status', this.jobUrl(id), { method: 'GET' }, options.signal, 1);
    } catch (error) {
      if (error instanceof TransientError && error.code === 'Throttled')
        return { status: 'running', retryAfterMs: error.retryAfterMs };
      throw error;
    }
    const retryAfterMs = retryAfterOf(res);
    const job = this.parse(Job, await readJson(res, 'Batch transcription status'), 'job');
    if (job.status === 'Failed') {
      const e = job.properties?.error;
      await this.delete(id);
      throw new NonRetriableError(
        'BatchTranscriptionFailed',
        `Batch transcription failed: ${[e?.code, e?.message].filter(Boolean).join(': ') || 'no reason given'}`,
      );
    }
    if (job.status !== 'Succeeded') return { status: 'running', retryAfterMs };
    const transcript = await this.fetchResult(id, options);
    options.onProgress?.(1);
    return { status: 'succeeded', result: transcript };
  }

  /** The pipeline's path: always a job to poll. */
  async transcribeOrSubmit(input: AudioInput, options: TranscribeOptions = {}): Promise<TranscribeOrJob> {
    return { jobId: await this.start(input, options) };
  }

  /** Submits (unless `jobId` is given) and polls in-process until done: for the CLI, not for activities. */
  async transcribe(input: AudioInput, options: BatchTranscribeOptions = {}): Promise<Transcript> {
    const id = options.jobId ?? (await this.start(input, options));
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const started = Date.now();
    for (let polls = 0; ; polls++) {
      const polled = await this.poll(id, options);
      if (polled.status === 'succeeded') {
        await this.delete(id);
        return polled.result;
      }
      if (Date.now() - started > this.polling.maxWaitMs)
        throw new TransientError('BatchTranscriptionPending', 'Batch transcription is still running.');
      await sleep(nextPollSeconds('speechBatch', polls, polled.retryAfterMs) * 1000, options.signal);
    }
  }

  /** Deletes a job; failures are logged, not thrown (its time to live cleans up anyway). */
  async delete(id: string): Promise<void> {
    try {
      await this.call('Batch transcription delete', this.jobUrl(id), { method: 'DELETE' });
    } catch (error) {
      log.warn('speech.azureBatch.deleteFailed', {
        engine: this.name,
        code: (error as { code?: string }).code ?? 'Unknown',
      });
    }
  }

  private jobUrl(id: string, path = ''): string {
    return `${this.options.endpoint}/speechtotext/transcriptions/${encodeURIComponent(id)}${path}?api-version=${BATCH_API_VERSION}`;
  }

  private async fetchResult(id: string, options: TranscribeOptions): Promise<Transcript> {
    let next: string | undefined = this.jobUrl(id, '/files');
    while (next) {
      if (!next.startsWith(`${this.options.endpoint}/`))
        throw new TransientError('MalformedResponse', 'Batch transcription file list links to another host.');
      const res = await this.call('Batch transcription files', next, { method: 'GET' }, options.signal);
      const files = this.parse(Files, await readJson(res, 'Batch transcription files'), 'file list');
      const result = files.values.find((f) => f.kind === 'Transcription');
      if (result) {
        // contentUrl is a SAS link to the service's storage: no credentials go with it.
        const doFetch = this.options.fetch ?? fetch;
        const content = await sendWithRetry(
          'Batch transcription result',
          (signal) => doFetch(result.links.contentUrl, { signal }),
          this.retry,
          options.signal,
        );
        return fromBatchTranscription(await readJson(content, 'Batch transcription result'), options.locale ?? 'en-US');
      }
      next = files['@nextLink'];
    }
    throw new TransientError('MalformedResponse', 'Batch transcription succeeded but lists no Transcription file.');
  }

  private async call(
    what: string,
    url: string,
    init: RequestInit,
    signal?: AbortSignal,
    attempts = this.retry.attempts,
  ): Promise<Response> {
    const doFetch = this.options.fetch ?? fetch;
    return sendWithRetry(
      what,
      async (s) => {
        const auth = await speechAuthHeaders(this.options.key, this.options.credential);
        return doFetch(url, {
          ...init,
          headers: { Accept: 'application/json', ...(init.headers as Record<string, string>), ...auth },
          signal: s,
        });
      },
      { ...this.retry, attempts },
      signal,
    );
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new TransientError('MalformedResponse', `Batch transcription ${what} has an unexpected shape.`);
    return parsed.data;
  }
}

/** Retry-After of a status response, in seconds or as an HTTP date. */
function retryAfterOf(res: Response): number | undefined {
  return parseRetryAfter(res.headers.get('retry-after'));
}
