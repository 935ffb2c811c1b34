import { openAsBlob } from 'node:fs';

import type { TokenCredential } from '@azure/identity';

import { NonRetriableError } from '../../errors';
import { log } from '../../log';
import type { Transcript } from '../../model/transcript';
import { type AudioLimits, DEFAULT_AUDIO_LIMITS } from '../audio/audioLimits';
import { inspectAudio } from '../audio/inspectAudio';
import { prepareAudio } from '../audio/prepareAudio';
import { AzureBatchSpeechEngine } from './azure-batch';
import { speechAuthHeaders } from './azureAuth';
import { maxSpeakersHint } from './batchDefinition';
import { fromFastTranscription } from './fromFastTranscription';
import type { AudioInput, SpeechEngine, TranscribeOptions, TranscribeOrJob } from './index';
import { DEFAULT_RETRY, readJson, type RetryPolicy, sendWithRetry } from './sendWithRetry';

export const FAST_API_VERSION = '2024-11-15';
/**
 * Past these, fast transcription refuses the file and batch transcription is used: the Speech quotas page
 * (Standard S0) documents 200 MB and 120 minutes per file for fast transcription.
 */
export const FAST_MAX_BYTES = 200 * 1024 * 1024;
export const FAST_MAX_SECONDS = 120 * 60;

/** The longest one fast transcription attempt may take, and the attempts: together within host.json's functionTimeout. */
export const FAST_MAX_ATTEMPT_MS = 12 * 60_000;
export const FAST_ATTEMPTS = 2;

/**
 * Per-attempt timeout of one fast transcription call, scaled to the recording: 2 min, plus 1 s per MB to upload
 * and 0.5 s per second of audio to process, at most FAST_MAX_ATTEMPT_MS. Pure.
 */
export function fastTimeoutMs(sizeBytes: number, durationSeconds: number): number {
  const ms = 120_000 + (sizeBytes / 1_048_576) * 1000 + durationSeconds * 500;
  return Math.round(Math.min(FAST_MAX_ATTEMPT_MS, ms));
}

/** A refusal of fast transcription that batch transcription can take: the file is too large or too long. */
export function isSizeRejection(error: unknown): boolean {
  if (!(error instanceof NonRetriableError)) return false;
  return / 413 |HTTP 413|too large|too long|exceeds|maximum (audio|file)/i.test(error.message);
}

/** Settings shared by both Azure speech engines. */
export interface AzureSpeechOptions {
  endpoint: string;
  key?: string;
  credential?: TokenCredential;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<AudioLimits>;
  /** Where fast transcription stops and batch takes over (default 200 MB / 120 min, the service's limits). */
  fastLimits?: { maxBytes: number; maxSeconds: number };
}

/** The `definition` part of a fast transcription request. Pure. */
export function fastDefinition(options: TranscribeOptions): Record<string, unknown> {
  return {
    locales: [options.locale ?? 'en-US'],
    diarization: { enabled: true, maxSpeakers: maxSpeakersHint(options.maxSpeakers) },
    profanityFilterMode: 'None',
  };
}

/**
 * Azure AI Speech fast transcription (REST, synchronous): multipart `audio` + `definition`, the audio's true
 * content type, key or Entra auth, 429 Retry-After honoured. Audio past 120 min or 200 MB goes to batch transcription
 * when the input has a service-readable URL.
 */
export class AzureFastSpeechEngine implements SpeechEngine {
  readonly name = 'azure-fast';
  private readonly limits: AudioLimits;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: AzureSpeechOptions) {
    this.limits = { ...DEFAULT_AUDIO_LIMITS, ...options.limits };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The pipeline's path: a transcript now, or a batch job (over the limits, or refused for size) to poll. */
  async transcribeOrSubmit(input: AudioInput, options: TranscribeOptions = {}): Promise<TranscribeOrJob> {
    const header = await inspectAudio(input.path, this.limits);
    if (this.overFastLimits(header.sizeBytes, header.info.duration ?? 0))
      return { jobId: await this.batch(input).start(input, options) };
    try {
      return { transcript: await this.fast(input, header.sizeBytes, header.info.duration ?? 0, options) };
    } catch (error) {
      if (!input.sourceUrl || !isSizeRejection(error)) throw error;
      log.warn('speech.azureFast.sizeRejected', { engine: this.name });
      return { jobId: await this.batch(input).start(input, options) };
    }
  }

  /** Transcribes in-process (the CLI): over the limits, batch transcription polled here. */
  async transcribe(input: AudioInput, options: TranscribeOptions = {}): Promise<Transcript> {
    // Header checks first: a long recording bound for batch is not decoded here.
    const header = await inspectAudio(input.path, this.limits);
    if (this.overFastLimits(header.sizeBytes, header.info.duration ?? 0))
      return this.batch(input).transcribe(input, options);
    return this.fast(input, header.sizeBytes, header.info.duration ?? 0, options);
  }

  private overFastLimits(sizeBytes: number, seconds: number): boolean {
    const fast = this.options.fastLimits ?? { maxBytes: FAST_MAX_BYTES, maxSeconds: FAST_MAX_SECONDS };
    return sizeBytes > fast.maxBytes || seconds > fast.maxSeconds;
  }

  private batch(input: AudioInput): AzureBatchSpeechEngine {
    if (!input.sourceUrl)
      throw new NonRetriableError(
        'AudioTooLarge',
        'Audio over 120 min or 200 MB needs batch transcription, which needs a source URL.',
      );
    return new AzureBatchSpeechEngine(this.options);
  }

  private async fast(input: AudioInput, sizeBytes: number, seconds: number, options: TranscribeOptions) {
    const audio = await prepareAudio(input.path, this.limits, options.signal);
    await audio.pcm.cleanup();
    const started = Date.now();
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.endpoint}/speechtotext/transcriptions:transcribe?api-version=${FAST_API_VERSION}`;
    const definition = JSON.stringify(fastDefinition(options));
    const blob = await openAsBlob(input.path, { type: audio.contentType });
    const retry = {
      ...this.retry,
      attempts: this.options.retry?.attempts ?? FAST_ATTEMPTS,
      timeoutMs: this.options.retry?.timeoutMs ?? fastTimeoutMs(sizeBytes, seconds),
    };
    const res = await sendWithRetry(
      'Fast transcription',
      async (signal) => {
        const form = new FormData();
        form.append('audio', blob, `audio.${audio.contentType.split('/')[1]}`);
        form.append('definition', definition);
        const headers = {
          Accept: 'application/json',
          ...(await speechAuthHeaders(this.options.key, this.options.credential)),
        };
        return doFetch(url, { method: 'POST', body: form, headers, signal });
      },
      retry,
      options.signal,
    );
    const transcript = fromFastTranscription(await readJson(res, 'Fast transcription'), options.locale ?? 'en-US');
    options.onProgress?.(1);
    log.info('speech.azureFast.done', {
      engine: this.name,
      durationMs: Date.now() - started,
      segments: transcript.segments.length,
    });
    return transcript;
  }
}
