/**
 * Cleaning spoken text into note-ready wording without changing what it says: fillers and false starts go,
 * recognizer tokenization ("do n't", "it 's", "word ,") is undone, repeated words ("i , i") are collapsed.
 * Negations, numbers, hedges and conditionals are never removed.
 */
/** Removed anywhere: they never carry meaning. Hedges ("kind of", "like 4 miles") stay. */
const FILLERS = /\b(um+|uh+|uh-huh|mm-hmm|mhm|hmm+|er|ah|(?<!\b(let|letting|lets|let's) )you know|i mean)\b(\s*,)?/gi;
/** Removed only at the start of a sentence, where they are discourse markers ("right, so…", "well, …"). */
const LEADING = /^(and|but|so|then|now|or|oh|hey|anyway)\b\s*,?\s*/i;
/** Removed at the start only when a comma follows: "right, so…" goes, "right knee…" stays. */
const LEADING_WITH_COMMA =
  /^(okay|ok|alright|all right|yeah|yes|yep|well|right|great|perfect|good|alrighty|sure|correct|exactly|absolutely)\s*[,.!]\s*/i;

/** Undo the corpus tokenization of contractions and punctuation ("have n't" → "haven't", "x , y" → "x, y"). */
export function detokenize(text: string): string {
  return text
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/gi, '$1')
    .replace(/\bgon na\b/gi, 'going to')
    .replace(/\bwan na\b/gi, 'want to')
    .replace(/\s+([,.;:!?%])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences of one turn (the corpus and recognizers give " . " or "?" boundaries, or none). */
export function splitUtterance(text: string): string[] {
  return detokenize(text)
    .split(/(?<!\b(?:dr|mr|mrs|ms|st|vs)\.)(?<=[.?!])\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A sentence without fillers, stutters and leading conjunctions; `undefined` when nothing is left. */
export function cleanSentence(sentence: string): string | undefined {
  let s = sentence.replace(FILLERS, ' ');
  // "i-i", "y-you": a stutter; "s- s- systolic", "was- what": a word cut off and restarted.
  s = s
    .replace(/\b(\w+)-\1\b/gi, '$1')
    .replace(/\b(\w+)-\1(\w+)\b/gi, '$1$2')
    .replace(/\b\w+-(\s|$)/g, '');
  // "i, i", "the, the", "of the, of the": a repeated word or short phrase is a false start.
  s = s.replace(/\b(\w+(?:'\w+)?(?: \w+(?:'\w+)?){0,2})(?:\s*,?\s+\1\b)+/gi, '$1');
  s = s.replace(/\.\.\./g, ' ').replace(/\s*,(\s*,)+/g, ',');
  s = s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim();
  for (let before = ''; before !== s;) {
    before = s;
    s = s
      .replace(/^[,.;:\s]+/, '')
      .replace(LEADING, '')
      .replace(LEADING_WITH_COMMA, '');
  }
  s = s.replace(/,\s*([.?!])$/, '$1').replace(/,$/, '');
  if (!/[a-z0-9]/i.test(s)) return undefined;
  return s;
}
