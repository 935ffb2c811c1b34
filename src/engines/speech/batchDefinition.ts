import { NonRetriableError, TransientError } from '../../errors';
import type { TranscribeOptions } from './index';

/** Speech to text REST API version of batch transcription (v3.x was retired on 31 March 2026). */
export const BATCH_API_VERSION = '2024-11-15';
/** How long the service keeps a finished job (the API accepts 6 h to 31 days; we delete it once read). */
export const BATCH_TTL_HOURS = 12;
/** The API's diarization hint range (`maxSpeakers`, 2 to 35). */
export const MAX_SPEAKERS_RANGE = { min: 2, max: 35 } as const;

/** `maxSpeakers` for the service: the encounter's hint clamped to what the API accepts (default 4). Pure. */
export function maxSpeakersHint(maxSpeakers?: number): number {
  return Math.min(MAX_SPEAKERS_RANGE.max, Math.max(MAX_SPEAKERS_RANGE.min, maxSpeakers ?? 4));
}

/** The body of `POST /speechtotext/transcriptions:submit` (2024-11-15). Pure. */
export function batchDefinition(sourceUrl: string, options: TranscribeOptions): Record<string, unknown> {
  return {
    contentUrls: [sourceUrl],
    locale: options.locale ?? 'en-US',
    displayName: 'clinscribe',
    properties: {
      diarization: { enabled: true, maxSpeakers: maxSpeakersHint(options.maxSpeakers) },
      wordLevelTimestampsEnabled: true,
      punctuationMode: 'DictatedAndAutomatic',
      profanityFilterMode: 'None',
      timeToLiveHours: BATCH_TTL_HOURS,
    },
  };
}

/** The job id from a transcription's `self` URL (`…/speechtotext/transcriptions/{id}?api-version=…`). Pure. */
export function jobIdOf(self: string): string {
  let path: string;
  try {
    path = new URL(self).pathname;
  } catch {
    throw new TransientError('MalformedResponse', 'Batch transcription job has no valid self link.');
  }
  const id = /\/speechtotext\/transcriptions\/([A-Za-z0-9-]{1,64})$/.exec(path)?.[1];
  if (!id) throw new NonRetriableError('MalformedResponse', 'Batch transcription job self link has no job id.');
  return id;
}
