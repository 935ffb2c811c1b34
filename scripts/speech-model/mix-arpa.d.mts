/** Types of mix-arpa.mjs, for the TypeScript tests that use it. */
export interface Gram {
  prob: number;
  bo: number;
  ids: number[];
}
export type Grams = [Map<number, Gram>, Map<number, Gram>, Map<number, Gram>];
export declare class Vocab {
  ids: Map<string, number>;
  words: string[];
  id(word: string): number;
}
export declare function readArpa(path: string, vocab: Vocab): Promise<Grams>;
export declare function mix(a: Grams, b: Grams, lambda: number): Grams;
export declare function writeArpa(grams: Grams, vocab: Vocab, path: string): Promise<void>;
