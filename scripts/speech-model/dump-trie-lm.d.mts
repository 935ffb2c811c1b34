/** Types of dump-trie-lm.mjs, for the TypeScript tests that use it. */
export interface TrieLm {
  counts: number[];
  words: string[];
}
export declare function readTrieLm(path: string): TrieLm;
export declare function dumpArpa(
  model: TrieLm,
  out: string,
): Promise<{ unigrams: number; bigrams: number; trigrams: number }>;
