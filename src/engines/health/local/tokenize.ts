/** A word, number or punctuation mark with its span in the analysed text (UTF-16 code units). */
export interface Token {
  /** Original characters. */
  raw: string;
  /** Lower-cased, apostrophes dropped, plural folded: what lexicon terms are compared on. */
  norm: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'punct';
}

const TOKEN = /(\d+(?:[.,]\d+)*)|([\p{L}][\p{L}\p{M}'’]*)|([^\s\p{L}\d])/gu;
const IRREGULAR: Record<string, string> = {
  feet: 'foot',
  teeth: 'tooth',
  children: 'child',
  women: 'woman',
  men: 'man',
  lice: 'louse',
};
const KEEP_S = /(?:ss|us|is|ous|ics|sis|itis|osis|ps)$/;

/** Folds a lower-case word to the form lexicon terms use (plural and possessive dropped). */
export function normalizeWord(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[’']/g, '');
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !KEEP_S.test(w)) w = w.slice(0, -1);
  return w;
}

/** Splits text into tokens; hyphens and slashes become their own punctuation tokens, so "x-ray" matches "x ray". */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    const kind = m[1] ? 'number' : m[2] ? 'word' : 'punct';
    const norm = kind === 'word' ? normalizeWord(raw) : kind === 'number' ? raw.replace(/,(?=\d{3}\b)/g, '') : raw;
    tokens.push({ raw, norm, start, end: start + raw.length, kind });
  }
  return tokens;
}

const DROPPED = new Set(['-', '‐', '–', '.', ',', "'", '’']);

/** Normalised token sequence of a lexicon term, the same way text is tokenized (hyphens, dots, commas dropped). */
export function termKey(term: string): string[] {
  return tokenize(term)
    .filter((t) => t.kind !== 'punct' || !DROPPED.has(t.raw))
    .map((t) => t.norm);
}
