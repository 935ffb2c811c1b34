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
import { fromFastTranscription } from './fromFastTranscription';
import type { AudioInput, SpeechEngine, TranscribeOptions } from './index';
import { DEFAULT_RETRY, readJson, type RetryPolicy, sendWithRetry } from './sendWithRetry';

export const FAST_API_VERSION = '2024-11-15';
/** Past these, fast transcription refuses the file and batch transcription is used. */
export const FAST_MAX_BYTES = 300 * 1024 * 1024;
export const FAST_MAX_SECONDS = 2 * 3600;

/** Settings shared by both Azure speech engines. */
export interface AzureSpeechOptions {
  endpoint: string;
  key?: string;
  credential?: TokenCredential;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<AudioLimits>;
  /** Where fast transcription stops and batch takes over (default 300 MB / 2 h, the service's limits). */
  fastLimits?: { maxBytes: number; maxSeconds: number };
}

/** The `definition` part of a fast transcription request. Pure. */
export function fastDefinition(options: TranscribeOptions): Record<string, unknown> {
  const maxSpeakers = Math.min(36, Math.max(2, options.maxSpeakers ?? 4));
  return {
    locales: [options.locale ?? 'en-US'],
    diarization: { enabled: true, maxSpeakers },
    profanityFilterMode: 'None',
  };
}

/**
 * Azure AI Speech fast transcription (REST, synchronous): multipart `audio` + `definition`, the audio's true
 * content type, key or Entra auth, 429 Retry-After honoured. Audio past 2 h or 300 MB goes to batch transcription
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

  async transcribe(input: AudioInput, options: TranscribeOptions = {}): Promise<Transcript> {
    const fast = this.options.fastLimits ?? { maxBytes: FAST_MAX_BYTES, maxSeconds: FAST_MAX_SECONDS };
    // Header checks first: a long recording bound for batch is not decoded here.
    const header = await inspectAudio(input.path, this.limits);
    if (header.sizeBytes > fast.maxBytes || (header.info.duration ?? 0) > fast.maxSeconds) {
      if (!input.sourceUrl) {
        throw new NonRetriableError(
          'AudioTooLarge',
          'Audio over 2 h or 300 MB needs batch transcription, which needs a source URL.',
        );
      }
      return new AzureBatchSpeechEngine(this.options).transcribe(input, options);
    }
    const audio = await prepareAudio(input.path, this.limits, options.signal);
    await audio.pcm.cleanup();
    const started = Date.now();
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.endpoint}/speechtotext/transcriptions:transcribe?api-version=${FAST_API_VERSION}`;
    const definition = JSON.stringify(fastDefinition(options));
    const blob = await openAsBlob(input.path, { type: audio.contentType });
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
      this.retry,
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
