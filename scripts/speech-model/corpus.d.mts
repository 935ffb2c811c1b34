/** Types of corpus.mjs (the language model's text normalisation), for the TypeScript tests that use it. */
export declare function numberToWords(n: number): string;
export declare function toSentences(text: string): string[];
export declare function words(sentence: string): string[];
export declare function ngramHashes(sentence: string, n?: number): string[];
export declare function lexiconSentences(
  lexicon: { files: { category: string; concepts: { display: string; terms: string[] }[] }[] },
  known: Set<string>,
): string[];
export declare function aciDialogues(csv: string): string[];
