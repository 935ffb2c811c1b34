import type { Code } from '../../../model/health';
import { termKey } from './tokenize';

/** One lexicon concept: a category, its codes (each naming its system) and the terms that express it. */
export interface Concept {
  category: string;
  display: string;
  codes: Code[];
  terms: string[];
  /** For pattern concepts: template of the normalized text, `{n}` being the number read. */
  normalized?: string;
  /** The name a clinician writes ("numbness" for ICD-10-CM's "Anesthesia of skin"); absent when it is the display. */
  plain?: string;
}

/** A lexicon data file (generated from `tables/*.tsv` by `tables/build-lexicon.mjs`). */
export interface LexiconFile {
  name: string;
  category: string;
  system: string | null;
  version: string | null;
  normalized?: string;
  concepts: {
    code?: string;
    display: string;
    terms: string[];
    also?: string[];
    normalized?: string;
    plain?: string;
  }[];
}

/** Trie over normalised words; `#` is an edge that consumes one whole number (digits or words). */
export interface TrieNode {
  next: Map<string, TrieNode>;
  concept?: Concept;
}

/** Number placeholder in pattern terms. */
export const NUMBER = '#';

export interface Lexicon {
  root: TrieNode;
  /** Short upper-case abbreviations (COPD, MI…) matched case-sensitively on one token. */
  exact: Map<string, Concept>;
  concepts: Concept[];
  versions: Record<string, string>;
}

const toConcepts = (file: LexiconFile): Concept[] =>
  file.concepts.map((c) => {
    const codes: Code[] = [];
    if (c.code && file.system) codes.push({ system: file.system, code: c.code, display: c.display });
    for (const extra of c.also ?? []) {
      const [system, code] = extra.split(':');
      if (system && code) codes.push({ system, code });
    }
    const normalized = c.normalized ?? file.normalized;
    const terms = normalized ? c.terms : [c.display, ...c.terms];
    return {
      category: file.category,
      display: c.display,
      codes,
      terms,
      ...(normalized ? { normalized } : {}),
      ...(c.plain ? { plain: c.plain } : {}),
    };
  });

/** Builds the matching structures; earlier files win when two concepts share a term. */
export function buildLexicon(files: readonly LexiconFile[]): Lexicon {
  const root: TrieNode = { next: new Map() };
  const exact = new Map<string, Concept>();
  const concepts: Concept[] = [];
  const versions: Record<string, string> = {};
  for (const file of files) {
    if (file.system && file.version) versions[file.system] = file.version;
    for (const concept of toConcepts(file)) {
      concepts.push(concept);
      for (const term of concept.terms) {
        if (/^[A-Z0-9]{2,4}$/.test(term) && /[A-Z]/.test(term)) {
          if (!exact.has(term)) exact.set(term, concept);
          continue;
        }
        const key = termKey(term);
        if (key.length === 0) continue;
        let node = root;
        for (const word of key) {
          let child = node.next.get(word);
          if (!child) node.next.set(word, (child = { next: new Map() }));
          node = child;
        }
        node.concept ??= concept;
      }
    }
  }
  return { root, exact, concepts, versions };
}
