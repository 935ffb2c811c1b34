/**
 * Speech engines: one interface, three providers (DESIGN.md §5). `createSpeechEngine` picks by
 * `config.engines.speech`; every provider returns our `Transcript` with roles assigned.
 */
import type { Config } from '../../config';
import type { Transcript } from '../../model/transcript';
import { AzureBatchSpeechEngine } from './azure-batch';
import { AzureFastSpeechEngine } from './azure-fast';
import { speechEndpoint } from './azureAuth';
import { LocalSpeechEngine } from './local/LocalSpeechEngine';

/** A recording on local disk (the activity streams the blob to a temp file first). */
export interface AudioInput {
  path: string;
  /** Declared content type; informative only, the bytes decide. */
  contentType?: string;
  /** A URL the service can read (SAS or managed identity), needed by batch transcription. */
  sourceUrl?: string;
}

export interface TranscribeOptions {
  locale?: string;
  maxSpeakers?: number;
  signal?: AbortSignal;
  /** Progress 0..1 as the engine goes, with the recording's length in seconds when the engine knows it. */
  onProgress?(fraction: number, durationSeconds?: number): void;
}

/** A transcript now, or the id of a batch transcription job to poll (DESIGN.md §4). */
export type TranscribeOrJob = { transcript: Transcript } | { jobId: string };

export interface SpeechEngine {
  readonly name: string;
  transcribe(input: AudioInput, options: TranscribeOptions): Promise<Transcript>;
  /** Azure engines: submit long recordings as a batch job instead of waiting for them (the pipeline's path). */
  transcribeOrSubmit?(input: AudioInput, options: TranscribeOptions): Promise<TranscribeOrJob>;
}

export type SpeechEngineName = Config['engines']['speech'];

/** Creates the configured speech engine; `overrides.engine` forces one (CLI `--engine`). */
export function createSpeechEngine(
  config: Config,
  overrides: { engine?: SpeechEngineName; fetch?: typeof fetch } = {},
): SpeechEngine {
  const name = overrides.engine ?? config.engines.speech;
  const limits = { maxBytes: config.settings.MAX_UPLOAD_BYTES };
  if (name === 'local') return new LocalSpeechEngine({ limits });
  const endpoint = speechEndpoint(config.settings);
  const common = { endpoint, key: config.settings.SPEECH_KEY, fetch: overrides.fetch, limits };
  if (name === 'azure-fast') return new AzureFastSpeechEngine(common);
  return createBatchSpeechEngine(config, overrides);
}

/** The batch transcription client for the configured Speech resource (job submit, status, delete). */
export function createBatchSpeechEngine(
  config: Config,
  overrides: { fetch?: typeof fetch } = {},
): AzureBatchSpeechEngine {
  const limits = { maxBytes: config.settings.MAX_UPLOAD_BYTES };
  const endpoint = speechEndpoint(config.settings);
  return new AzureBatchSpeechEngine({ endpoint, key: config.settings.SPEECH_KEY, fetch: overrides.fetch, limits });
}

export { assignRoles, clinicianScore, turnFeatures } from './assignRoles';
export { type RawSegment, toTranscript } from './toTranscript';
export { alignWords, wordErrorRate } from './wordErrorRate';
export { type SpeakerScore, speakerAccuracy } from './speakerAccuracy';
export { AzureBatchSpeechEngine, type BatchTranscribeOptions } from './azure-batch';
