/**
 * ROUGE-1, ROUGE-2 and ROUGE-L as Google's `rouge_score` package computes them with its default tokenizer and
 * `use_stemmer=False`: lower-case, every run of characters outside [a-z0-9] becomes a space, split on whitespace
 * (tokens are kept only if they match ^[a-z0-9]+$, which that replacement guarantees). N-gram overlap is clipped by
 * counts; ROUGE-L is the longest common subsequence over the whole text (not the summary-level ROUGE-Lsum).
 * Scores are per note; callers average the F1 of each note (macro average), as ACI-BENCH's published tables do.
 */

/** One ROUGE score: precision, recall and F1 in 0..1. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** The three scores of one candidate against one reference. */
export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** rouge_score's default tokenization (no stemming). */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

function score(overlap: number, candidateCount: number, referenceCount: number): RougeScore {
  const precision = candidateCount > 0 ? overlap / candidateCount : 0;
  const recall = referenceCount > 0 ? overlap / referenceCount : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function rougeN(candidate: string[], reference: string[], n: number): RougeScore {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return score(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence (two-row dynamic programme). */
export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** ROUGE-1/2/L of a candidate text against a reference text. */
export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return {
    rouge1: rougeN(c, r, 1),
    rouge2: rougeN(c, r, 2),
    rougeL: score(lcsLength(c, r), c.length, r.length),
  };
}

/** Macro average of per-note scores. */
export function averageRouge(scores: RougeScores[]): RougeScores {
  const mean = (pick: (s: RougeScores) => RougeScore): RougeScore => {
    const n = Math.max(1, scores.length);
    const sum = (k: keyof RougeScore) => scores.reduce((t, s) => t + pick(s)[k], 0) / n;
    return { precision: sum('precision'), recall: sum('recall'), f1: sum('f1') };
  };
  return { rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), rougeL: mean((s) => s.rougeL) };
}
