import type { Concept, Lexicon, TrieNode } from './lexicon';
import { NUMBER } from './lexicon';
import { readNumber } from './numbers';
import type { Token } from './tokenize';

/** A lexicon hit over tokens [start, end). `values` are the numbers read where the term had `#`. */
export interface Match {
  start: number;
  end: number;
  concept: Concept;
  values: number[];
}

const SKIPPABLE = new Set(['-', '‐', '–']);

/** Index of the next token that can take part in a term (hyphens are transparent). */
const skip = (tokens: readonly Token[], i: number): number => {
  while (i < tokens.length && tokens[i]!.kind === 'punct' && SKIPPABLE.has(tokens[i]!.raw)) i++;
  return i;
};

function longest(
  tokens: readonly Token[],
  node: TrieNode,
  i: number,
  values: number[],
  best: { end: number; node?: TrieNode; values: number[] },
  lastEnd: number,
): void {
  if (node.concept && lastEnd > best.end) {
    best.end = lastEnd;
    best.node = node;
    best.values = values;
  }
  const at = skip(tokens, i);
  const token = tokens[at];
  if (!token) return;
  const child = node.next.get(token.norm);
  if (child) longest(tokens, child, at + 1, values, best, at + 1);
  const numberChild = node.next.get(NUMBER);
  if (numberChild) {
    const run = readNumber(tokens, at);
    if (run) longest(tokens, numberChild, run.end, [...values, run.value], best, run.end);
  }
}

/**
 * Finds lexicon terms left to right, longest match first, never overlapping. Multi-word terms may be split by
 * hyphens ("x-ray"), plurals and possessives fold ("feet" → "foot"), numbers may be digits or words.
 */
export function matchLexicon(tokens: readonly Token[], lexicon: Lexicon): Match[] {
  const matches: Match[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.kind === 'punct') {
      i++;
      continue;
    }
    const best: { end: number; node?: TrieNode; values: number[] } = { end: i, values: [] };
    longest(tokens, lexicon.root, i, [], best, i);
    const exact = lexicon.exact.get(token.raw);
    if (best.node?.concept && best.end > i + (exact ? 1 : 0)) {
      matches.push({ start: i, end: best.end, concept: best.node.concept, values: best.values });
      i = best.end;
    } else if (exact) {
      matches.push({ start: i, end: i + 1, concept: exact, values: [] });
      i++;
    } else {
      // Skip a whole number so "one hundred" is not re-read as "hundred".
      const run = token.kind === 'word' ? undefined : readNumber(tokens, i);
      i = run ? run.end : i + 1;
    }
  }
  return matches;
}
