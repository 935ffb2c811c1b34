import type { Transcript, Word } from '../../model/transcript';
import { assignRoles } from './assignRoles';

/** A recognised stretch of speech attributed to a raw speaker label (an engine's own numbering). */
export interface RawSegment {
  speaker: string | number;
  start: number;
  end: number;
  words: Word[];
  /** Display text when the engine gives one (punctuated); else the words joined. */
  text?: string;
}

/**
 * Builds our Transcript from any engine's segments: sorted by time, ids `s1`, `s2`…, speakers renamed `spk0`,
 * `spk1`… in order of first appearance (distinct raw labels stay distinct: Azure's speaker 0 is not merged into
 * 1), then roles assigned. Pure.
 */
export function toTranscript(
  raw: RawSegment[],
  meta: { duration: number; locale: string; engine: string },
): Transcript {
  const sorted = raw.filter((r) => r.words.length > 0 || (r.text ?? '').trim()).sort((a, b) => a.start - b.start);
  const names = new Map<string, string>();
  const segments = sorted.map((r, i) => {
    const key = String(r.speaker);
    if (!names.has(key)) names.set(key, `spk${names.size}`);
    return {
      id: `s${i + 1}`,
      speaker: names.get(key)!,
      role: 'other' as const,
      start: r.start,
      end: Math.max(r.start, r.end),
      text: (r.text ?? r.words.map((w) => w.w).join(' ')).trim(),
      words: r.words,
    };
  });
  return assignRoles({
    duration: meta.duration,
    locale: meta.locale,
    engine: meta.engine,
    speakers: [...names.values()].map((id) => ({ id, role: 'other' })),
    segments,
  });
}
