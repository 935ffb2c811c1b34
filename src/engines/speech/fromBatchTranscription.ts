import { z } from 'zod';

import { TransientError } from '../../errors';
import type { Transcript } from '../../model/transcript';
import { toTranscript } from './toTranscript';

const BatchWord = z.object({
  word: z.string(),
  offsetInTicks: z.number(),
  durationInTicks: z.number(),
  confidence: z.number().optional(),
});
const BatchPhrase = z.object({
  recognitionStatus: z.string(),
  channel: z.number().int().optional(),
  speaker: z.number().int().optional(),
  offsetInTicks: z.number(),
  durationInTicks: z.number(),
  nBest: z.array(
    z.object({
      confidence: z.number().optional(),
      lexical: z.string().optional(),
      display: z.string().optional(),
      words: z.array(BatchWord).optional(),
    }),
  ),
});

/** A batch transcription result file (v3.2 `kind: Transcription`). */
export const BatchTranscriptionResultSchema = z.object({
  durationInTicks: z.number().optional(),
  recognizedPhrases: z.array(BatchPhrase),
});

const seconds = (ticks: number): number => Math.round(ticks / 10_000) / 1000;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Maps a batch transcription result file to our Transcript: successful phrases only, best alternative, word
 * timings and confidences from its `words[]`, display text as segment text. Pure.
 */
export function fromBatchTranscription(body: unknown, locale: string): Transcript {
  const parsed = BatchTranscriptionResultSchema.safeParse(body);
  if (!parsed.success) {
    throw new TransientError(
      'MalformedResponse',
      `Batch transcription result has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  const raw = parsed.data.recognizedPhrases.flatMap((p) => {
    const best = p.nBest[0];
    if (p.recognitionStatus !== 'Success' || !best) return [];
    const conf = clamp01(best.confidence ?? 0.5);
    return [
      {
        speaker: p.speaker ?? 0,
        start: seconds(p.offsetInTicks),
        end: seconds(p.offsetInTicks + p.durationInTicks),
        text: best.display ?? best.lexical ?? '',
        words: (best.words ?? []).map((w) => ({
          w: w.word,
          start: seconds(w.offsetInTicks),
          end: seconds(w.offsetInTicks + w.durationInTicks),
          conf: clamp01(w.confidence ?? conf),
        })),
      },
    ];
  });
  const last = raw.reduce((m, p) => Math.max(m, p.end), 0);
  const duration = parsed.data.durationInTicks !== undefined ? seconds(parsed.data.durationInTicks) : last;
  return toTranscript(raw, { duration: Math.max(duration, 0), locale, engine: 'azure-batch' });
}
