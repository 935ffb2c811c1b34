import { z } from 'zod';

import { NonRetriableError, TransientError } from '../../errors';
import { log } from '../../log';
import type { Transcript } from '../../model/transcript';
import { type AudioLimits, DEFAULT_AUDIO_LIMITS } from '../audio/audioLimits';
import { inspectAudio } from '../audio/inspectAudio';
import type { AzureSpeechOptions } from './azure-fast';
import { speechAuthHeaders } from './azureAuth';
import { fromBatchTranscription } from './fromBatchTranscription';
import type { AudioInput, SpeechEngine, TranscribeOptions } from './index';
import { DEFAULT_RETRY, readJson, type RetryPolicy, sendWithRetry } from './sendWithRetry';

/** Options of one batch transcription; `jobUrl` resumes a job created before a restart. */
export interface BatchTranscribeOptions extends TranscribeOptions {
  jobUrl?: string;
  /** Called once the job exists: persist the URL (activity output or manifest) so polling can resume. */
  onJobCreated?(jobUrl: string): void | Promise<void>;
}

export interface BatchPolling {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Give up (transiently: the orchestration may resume with the job URL) after this long. */
  maxWaitMs: number;
}

const Job = z.object({
  self: z.string(),
  status: z.enum(['NotStarted', 'Running', 'Succeeded', 'Failed']),
  links: z.object({ files: z.string().optional() }).optional(),
  properties: z
    .object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional() })
    .optional(),
});
const Files = z.object({
  values: z.array(z.object({ kind: z.string(), links: z.object({ contentUrl: z.string() }) })),
  '@nextLink': z.string().optional(),
});

/** The body that creates a v3.2 batch transcription. Pure. */
export function batchDefinition(sourceUrl: string, options: TranscribeOptions): Record<string, unknown> {
  return {
    contentUrls: [sourceUrl],
    locale: options.locale ?? 'en-US',
    displayName: 'clinscribe',
    properties: {
      diarizationEnabled: true,
      diarization: { speakers: { minCount: 1, maxCount: Math.max(2, options.maxSpeakers ?? 4) } },
      wordLevelTimestampsEnabled: true,
      punctuationMode: 'DictatedAndAutomatic',
      profanityFilterMode: 'None',
      timeToLive: 'PT12H',
    },
  };
}

/**
 * Azure AI Speech batch transcription (REST v3.2) for long recordings: create from a service-readable URL, poll
 * with backoff, fetch the result files, map them, delete the job. Resumable from a stored job URL.
 */
export class AzureBatchSpeechEngine implements SpeechEngine {
  readonly name = 'azure-batch';
  private readonly limits: AudioLimits;
  private readonly retry: RetryPolicy;
  private readonly polling: BatchPolling;

  constructor(private readonly options: AzureSpeechOptions & { polling?: Partial<BatchPolling> }) {
    this.limits = { ...DEFAULT_AUDIO_LIMITS, ...options.limits };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.polling = {
      initialDelayMs: 2000,
      maxDelayMs: 30_000,
      factor: 1.5,
      maxWaitMs: 6 * 3600_000,
      ...options.polling,
    };
  }

  async transcribe(input: AudioInput, options: BatchTranscribeOptions = {}): Promise<Transcript> {
    let jobUrl = options.jobUrl;
    if (!jobUrl) {
      if (!input.sourceUrl)
        throw new NonRetriableError(
          'SourceUrlRequired',
          'Batch transcription needs a URL the Speech service can read (SAS or managed identity).',
        );
      await inspectAudio(input.path, this.limits);
      jobUrl = await this.create(input.sourceUrl, options);
      await options.onJobCreated?.(jobUrl);
    }
    return this.resume(jobUrl, options);
  }

  /** Creates the job and returns its URL. */
  async create(sourceUrl: string, options: TranscribeOptions = {}): Promise<string> {
    const url = `${this.options.endpoint}/speechtotext/v3.2/transcriptions`;
    const body = JSON.stringify(batchDefinition(sourceUrl, options));
    const res = await this.call(
      'Batch transcription create',
      url,
      { method: 'POST', body, headers: { 'Content-Type': 'application/json' } },
      options.signal,
    );
    const job = this.parse(Job, await readJson(res, 'Batch transcription create'), 'job');
    log.info('speech.azureBatch.created', { engine: this.name, status: job.status });
    return job.self;
  }

  /** Polls a job to completion, then fetches, maps and deletes it. */
  async resume(jobUrl: string, options: TranscribeOptions = {}): Promise<Transcript> {
    const started = Date.now();
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let delay = this.polling.initialDelayMs;
    for (;;) {
      const res = await this.call('Batch transcription status', jobUrl, { method: 'GET' }, options.signal);
      const job = this.parse(Job, await readJson(res, 'Batch transcription status'), 'job');
      if (job.status === 'Succeeded') {
        const transcript = await this.fetchResult(job.links?.files ?? `${jobUrl}/files`, options);
        await this.delete(jobUrl);
        options.onProgress?.(1);
        return transcript;
      }
      if (job.status === 'Failed') {
        const e = job.properties?.error;
        await this.delete(jobUrl);
        throw new NonRetriableError(
          'BatchTranscriptionFailed',
          `Batch transcription failed: ${[e?.code, e?.message].filter(Boolean).join(': ') || 'no reason given'}`,
        );
      }
      if (Date.now() - started > this.polling.maxWaitMs) {
        throw new TransientError(
          'BatchTranscriptionPending',
          'Batch transcription is still running; resume polling later with the stored job URL.',
        );
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : delay, options.signal);
      delay = Math.min(this.polling.maxDelayMs, delay * this.polling.factor);
    }
  }

  private async fetchResult(filesUrl: string, options: TranscribeOptions): Promise<Transcript> {
    let next: string | undefined = filesUrl;
    while (next) {
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

  /** Deletes a job; failures are logged, not thrown (the job's time-to-live cleans up anyway). */
  async delete(jobUrl: string): Promise<void> {
    try {
      await this.call('Batch transcription delete', jobUrl, { method: 'DELETE' });
    } catch (error) {
      log.warn('speech.azureBatch.deleteFailed', {
        engine: this.name,
        code: (error as { code?: string }).code ?? 'Unknown',
      });
    }
  }

  private async call(what: string, url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
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
      this.retry,
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
