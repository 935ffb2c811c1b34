/** Which words of a reference and of a hypothesis a minimum-edit alignment pairs as equal. */
export interface WordHits {
  /** Per reference word: recognized (aligned to an equal hypothesis word). */
  ref: boolean[];
  /** Per hypothesis word: correct (aligned to an equal reference word). */
  hyp: boolean[];
}

/**
 * Levenshtein alignment of two word sequences with backtrace (substitution, deletion, insertion all cost 1; ties
 * prefer a match), marking the words it pairs as equal. Pure; O(|ref|·|hyp|) time and memory.
 */
export function alignHits(ref: string[], hyp: string[]): WordHits {
  const cols = hyp.length + 1;
  const cost = new Uint32Array((ref.length + 1) * cols);
  for (let j = 0; j < cols; j++) cost[j] = j;
  for (let i = 1; i <= ref.length; i++) {
    cost[i * cols] = i;
    for (let j = 1; j < cols; j++) {
      const diag = cost[(i - 1) * cols + j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      cost[i * cols + j] = Math.min(diag, cost[(i - 1) * cols + j]! + 1, cost[i * cols + j - 1]! + 1);
    }
  }
  const hits: WordHits = {
    ref: new Array<boolean>(ref.length).fill(false),
    hyp: new Array<boolean>(hyp.length).fill(false),
  };
  let i = ref.length;
  let j = hyp.length;
  while (i > 0 && j > 0) {
    const here = cost[i * cols + j]!;
    const same = ref[i - 1] === hyp[j - 1];
    if (here === cost[(i - 1) * cols + j - 1]! + (same ? 0 : 1)) {
      if (same) hits.ref[i - 1] = hits.hyp[j - 1] = true;
      i--;
      j--;
    } else if (here === cost[(i - 1) * cols + j]! + 1) i--;
    else j--;
  }
  return hits;
}

/** Recall of clinical terms: occurrences in the reference whose every word was recognized. */
export interface TermRecall {
  found: number;
  total: number;
  /** Terms of the reference that were not (fully) recognized, once per occurrence. */
  missed: string[];
}

/**
 * Finds every occurrence of each term (already normalised to words) in the reference words and counts those whose
 * words are all recognized according to `refHits`. Overlapping terms each count. Pure.
 */
export function termRecall(ref: string[], refHits: boolean[], terms: string[][]): TermRecall {
  const result: TermRecall = { found: 0, total: 0, missed: [] };
  for (const term of terms) {
    if (term.length === 0) continue;
    for (let i = 0; i + term.length <= ref.length; i++) {
      if (!term.every((w, k) => ref[i + k] === w)) continue;
      result.total++;
      if (term.every((_, k) => refHits[i + k])) result.found++;
      else result.missed.push(term.join(' '));
    }
  }
  return result;
}
