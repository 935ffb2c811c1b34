import blocked from './data/sound-alike-blocked.json';
import type { Lexicon, TrieNode } from './lexicon';
import type { Token } from './tokenize';

/**
 * A spelling-blind key: letters that sound alike are folded (silent h, ph/f, c/k/s, z/s, y/i, doubled letters), so
 * "ronchi" and "rhonchi", "diarrea" and "diarrhea" share a key. Keep in step with tables/build-sound-alike.mjs.
 */
export function soundKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/rh/g, 'r')
    .replace(/ph/g, 'f')
    .replace(/(?<=[^aeiou])h/g, '')
    .replace(/ae|oe/g, 'e')
    .replace(/ck|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/y/g, 'i')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/e$/, '');
}

const MIN_LENGTH = 5;
const BLOCKED = new Set<string>(blocked as string[]);

function lexiconWords(node: TrieNode, out: Set<string>): Set<string> {
  for (const [word, child] of node.next) {
    out.add(word);
    lexiconWords(child, out);
  }
  return out;
}

/**
 * Returns a function that re-spells a recognizer near-miss as the lexicon word it sounds like ("ronchi" →
 * "rhonchi"). A word is left alone when the lexicon knows it, when it is a real English or medical word (the
 * blocked list, built from Debian's hunspell-en-us and hunspell-en-med by tables/build-sound-alike.mjs), when it is
 * short.
 */
export function createSoundAlike(lexicon: Lexicon): (tokens: Token[]) => Token[] {
  const known = lexiconWords(lexicon.root, new Set<string>());
  // Lexicon words that share a key are spellings of one term ("diarrhea", "diarrhoea"): the first one stands.
  const byKey = new Map<string, string>();
  for (const word of known) {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) continue;
    const key = soundKey(word);
    if (!byKey.has(key)) byKey.set(key, word);
  }
  return (tokens) =>
    tokens.map((t) => {
      if (t.kind !== 'word' || t.norm.length < MIN_LENGTH || known.has(t.norm) || BLOCKED.has(t.norm)) return t;
      const word = byKey.get(soundKey(t.norm));
      return word ? { ...t, norm: word } : t;
    });
}
