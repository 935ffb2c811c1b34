import type { Transcript } from '../../model/transcript';

/** Result of scoring diarization against gold speaker labels. */
export interface SpeakerScore {
  /** Fraction of words whose speaker (after the best one-to-one renaming) is the gold one. */
  accuracy: number;
  words: number;
  /** Hypothesis speaker id → gold speaker it was matched to. */
  mapping: Record<string, string>;
}

function permutations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)], k - 1).map((p) => [x, ...p]),
  );
}

/**
 * Scores diarization: every recognised word is attributed to the gold speaker at its midpoint (`goldAt`), then
 * hypothesis speakers are matched one-to-one to gold speakers in the way that maximises agreement. Pure.
 */
export function speakerAccuracy(transcript: Transcript, goldAt: (t: number) => string): SpeakerScore {
  const counts = new Map<string, Map<string, number>>();
  const golds = new Set<string>();
  let words = 0;
  for (const s of transcript.segments) {
    for (const w of s.words) {
      const g = goldAt((w.start + w.end) / 2);
      golds.add(g);
      const row = counts.get(s.speaker) ?? new Map<string, number>();
      row.set(g, (row.get(g) ?? 0) + 1);
      counts.set(s.speaker, row);
      words++;
    }
  }
  const hyps = [...counts.keys()];
  const gold = [...golds];
  // Pad with "no match" so extra hypothesis speakers can stay unmatched.
  const targets = [...gold, ...hyps.map(() => '')];
  let best = { hits: -1, mapping: {} as Record<string, string> };
  const pool = hyps.length <= 6 ? permutations(targets.slice(0, gold.length + hyps.length), hyps.length) : [];
  for (const p of pool) {
    const used = p.filter(Boolean);
    if (new Set(used).size !== used.length) continue;
    const hits = hyps.reduce((s, h, i) => s + (counts.get(h)?.get(p[i]!) ?? 0), 0);
    if (hits > best.hits) best = { hits, mapping: Object.fromEntries(hyps.map((h, i) => [h, p[i]!])) };
  }
  return { accuracy: words === 0 ? 0 : Math.max(0, best.hits) / words, words, mapping: best.mapping };
}
