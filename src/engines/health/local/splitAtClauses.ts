import type { PlacedClause } from './chunkDialogue';
import type { Sentence } from './context';
import type { Token } from './tokenize';

/**
 * Cuts sentences where a dialogue clause starts, so a trigger in one clause ("my brother had the flu") does not
 * reach a concept in the next ("and I have a rash"); a piece is a question when its clause is one.
 */
export function splitAtClauses(
  sentences: readonly Sentence[],
  tokens: readonly Token[],
  clauses: readonly PlacedClause[],
): Sentence[] {
  if (clauses.length === 0) return [...sentences];
  const startsAt = new Map(clauses.map((c) => [c.start, c]));
  const out: Sentence[] = [];
  for (const sentence of sentences) {
    let start = sentence.start;
    for (let i = sentence.start + 1; i < sentence.end; i++) {
      if (!startsAt.has(tokens[i]!.start)) continue;
      out.push(piece(start, i, tokens, clauses, sentence));
      start = i;
    }
    out.push(piece(start, sentence.end, tokens, clauses, sentence));
  }
  return out;
}

function piece(
  start: number,
  end: number,
  tokens: readonly Token[],
  clauses: readonly PlacedClause[],
  whole: Sentence,
): Sentence {
  const at = tokens[start]!.start;
  const clause = clauses.find((c) => at >= c.start && at < c.end);
  return { start, end, question: clause ? clause.act === 'question' : whole.question };
}
