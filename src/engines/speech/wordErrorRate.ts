/** Normalises text for scoring: lower case, words only (apostrophes kept), hyphens split. Pure. */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[-–—/]/g, ' ')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Edit operations of a minimum-cost alignment between reference and hypothesis words. */
export interface Alignment {
  substitutions: number;
  deletions: number;
  insertions: number;
  hits: number;
}

/** Levenshtein alignment of two word sequences (substitution, deletion, insertion all cost 1). Pure. */
export function alignWords(ref: string[], hyp: string[]): Alignment {
  type Cell = { cost: number; s: number; d: number; i: number };
  let prev: Cell[] = Array.from({ length: hyp.length + 1 }, (_, j) => ({ cost: j, s: 0, d: 0, i: j }));
  for (let r = 1; r <= ref.length; r++) {
    const row: Cell[] = [{ cost: r, s: 0, d: r, i: 0 }];
    for (let h = 1; h <= hyp.length; h++) {
      const same = ref[r - 1] === hyp[h - 1];
      const diag = prev[h - 1]!;
      const up = prev[h]!;
      const left = row[h - 1]!;
      const options: Cell[] = [
        { cost: diag.cost + (same ? 0 : 1), s: diag.s + (same ? 0 : 1), d: diag.d, i: diag.i },
        { cost: up.cost + 1, s: up.s, d: up.d + 1, i: up.i },
        { cost: left.cost + 1, s: left.s, d: left.d, i: left.i + 1 },
      ];
      row.push(options.reduce((a, b) => (b.cost < a.cost ? b : a)));
    }
    prev = row;
  }
  const end = prev[hyp.length]!;
  return { substitutions: end.s, deletions: end.d, insertions: end.i, hits: ref.length - end.s - end.d };
}

/** Word error rate (S + D + I) / N of a hypothesis against a reference text, after normalisation. Pure. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = normaliseWords(reference);
  const hyp = normaliseWords(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  const a = alignWords(ref, hyp);
  return (a.substitutions + a.deletions + a.insertions) / ref.length;
}
