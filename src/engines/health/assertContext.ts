import type { Assertion } from '../../model/health';
import { assertSpan, findTriggers, splitSentences } from './local/context';
import { termKey, tokenize } from './local/tokenize';

/**
 * ConText assertion of `term` as it occurs in `text` (first occurrence, compared on normalised words). When the
 * term does not occur, the whole text is taken as its sentence context and the term as following it.
 */
export function assertContext(text: string, term: string): Assertion {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const key = termKey(term);
  const words = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind !== 'punct' || t.raw === '-');
  let span: { start: number; end: number } | undefined;
  for (let w = 0; w + key.length <= words.length && key.length > 0 && !span; w++) {
    let k = 0;
    let j = w;
    while (k < key.length && j < words.length) {
      if (words[j]!.t.raw === '-') {
        j++;
        continue;
      }
      if (words[j]!.t.norm !== key[k]) break;
      j++;
      k++;
    }
    if (k === key.length) span = { start: words[w]!.i, end: words[j - 1]!.i + 1 };
  }
  if (!span) span = { start: tokens.length, end: tokens.length };
  const sentence =
    sentences.find((s) => span.start >= s.start && span.start < s.end) ?? sentences[sentences.length - 1];
  if (!sentence) return {};
  return assertSpan(tokens, sentence, findTriggers(tokens, sentence), span);
}
