import { z } from 'zod';

import { TransientError } from '../../errors';
import type { Transcript } from '../../model/transcript';
import { toTranscript } from './toTranscript';

const FastWord = z.object({ text: z.string(), offsetMilliseconds: z.number(), durationMilliseconds: z.number() });
const FastPhrase = z.object({
  channel: z.number().int().optional(),
  speaker: z.number().int().optional(),
  offsetMilliseconds: z.number(),
  durationMilliseconds: z.number(),
  text: z.string(),
  words: z.array(FastWord).optional(),
  locale: z.string().optional(),
  confidence: z.number().optional(),
});

/** The body of a fast transcription response (api-version 2024-11-15). */
export const FastTranscriptionResultSchema = z.object({
  durationMilliseconds: z.number().optional(),
  combinedPhrases: z.array(z.object({ channel: z.number().optional(), text: z.string() })).optional(),
  phrases: z.array(FastPhrase),
});
export type FastTranscriptionResult = z.infer<typeof FastTranscriptionResultSchema>;

const seconds = (ms: number): number => Math.round(ms) / 1000;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Maps a fast transcription result to our Transcript: one segment per phrase, word timings from `words[]`, the
 * phrase confidence on each word (the API gives none per word). Speakers keep their identity (numbering starts
 * at 0); a phrase without a speaker (diarization off) is speaker 0. Pure.
 */
export function fromFastTranscription(body: unknown, locale: string): Transcript {
  const parsed = FastTranscriptionResultSchema.safeParse(body);
  if (!parsed.success) {
    throw new TransientError(
      'MalformedResponse',
      `Fast transcription result has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  const r = parsed.data;
  const raw = r.phrases.map((p) => {
    const conf = clamp01(p.confidence ?? 0.5);
    return {
      speaker: p.speaker ?? 0,
      start: seconds(p.offsetMilliseconds),
      end: seconds(p.offsetMilliseconds + p.durationMilliseconds),
      text: p.text,
      words: (p.words ?? []).map((w) => ({
        w: w.text,
        start: seconds(w.offsetMilliseconds),
        end: seconds(w.offsetMilliseconds + w.durationMilliseconds),
        conf,
      })),
    };
  });
  const last = raw.reduce((m, p) => Math.max(m, p.end), 0);
  return toTranscript(raw, {
    duration: r.durationMilliseconds !== undefined ? seconds(r.durationMilliseconds) : last,
    locale,
    engine: 'azure-fast',
  });
}
