const WH_WORDS = new Set(['how', 'what', 'when', 'where', 'which', 'who', 'why']);
const AUXILIARIES = new Set([
  'do',
  'does',
  'did',
  'are',
  'is',
  'was',
  'were',
  'have',
  'has',
  'had',
  'can',
  'could',
  'would',
  'will',
]);
const SUBJECTS = new Set([
  'you',
  'your',
  'anyone',
  'anybody',
  'anything',
  'the',
  'it',
  'there',
  'he',
  'she',
  'they',
  'this',
  'that',
  'any',
]);

/**
 * True when a sentence reads as a question: it ends with "?" or — speech recognizers emit no punctuation — it has
 * no final punctuation mark and opens with "any", a wh-word, or an auxiliary followed by a subject ("do you",
 * "has anyone", "is the"), as in "any weakness in your legs" or "does the pain go down your leg".
 */
export function isQuestionSentence(sentence: string): boolean {
  const trimmed = sentence.trim();
  if (trimmed.endsWith('?')) return true;
  if (/[.!]$/.test(trimmed)) return false;
  const [first, second] = trimmed.toLowerCase().match(/\p{L}[\p{L}']*/gu) ?? [];
  if (!first || !/^\p{L}/u.test(trimmed)) return false;
  if (first === 'any' || WH_WORDS.has(first)) return true;
  return AUXILIARIES.has(first) && second !== undefined && SUBJECTS.has(second);
}
