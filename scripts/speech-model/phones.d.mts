/** Types of phones.mjs (flite → CMU phone mapping), for the TypeScript tests that use it. */
export declare const STOCK_MODEL_DIR: string;
export declare const STOCK_DICT: string;
export declare const STOCK_LM: string;
export declare function toCmuPhones(t2pOutput: string): string[];
