import { NonRetriableError } from '../../src/errors';
import { ENCOUNTER_LIMITS } from '../../src/model/limits';
import type { Transcript } from '../../src/model/transcript';
import { TranscriptSchema } from '../../src/model/transcript';
import { artifactRef } from '../../src/store/artifacts';
import { writeJson } from '../../src/store/blobIo';
import type { StepDeps } from './deps';
import type { StepOutcome } from './runStep';

type TranscriptStats = { segments: number; speakers: number; duration: number };

/**
 * Validates a transcript from either intake path (speech or document), writes transcript.json and describes the
 * step's outcome; `engineKey` names the manifest's engine entry (`speech` or `transcript`).
 */
export async function saveTranscript(
  deps: StepDeps,
  encounterId: string,
  produced: Transcript,
  engineKey: 'speech' | 'transcript',
): Promise<StepOutcome<TranscriptStats>> {
  const chars = produced.segments.reduce((sum, segment) => sum + segment.text.length, 0);
  if (chars > ENCOUNTER_LIMITS.maxTranscriptChars)
    throw new NonRetriableError(
      'TooLarge',
      `The transcript has more than ${ENCOUNTER_LIMITS.maxTranscriptChars} characters, the limit per encounter`,
    );
  const transcript = TranscriptSchema.parse(produced);
  const ref = await writeJson(deps.blobs(), artifactRef(encounterId, 'transcript'), transcript);
  return {
    ref,
    stats: {
      segments: transcript.segments.length,
      speakers: transcript.speakers.length,
      duration: transcript.duration,
    },
    patch: {
      results: { transcript: ref },
      engines: { [engineKey]: transcript.engine },
      duration: transcript.duration,
    },
  };
}
