import data from './data/lexicon.json';
import type { Lexicon, LexiconFile } from './lexicon';
import { buildLexicon } from './lexicon';

let cached: Lexicon | undefined;

/** The lexicon shipped in `data/lexicon.json` (imported, so the build copies it to dist), built once per process. */
export function loadLexicon(): Lexicon {
  cached ??= buildLexicon((data as { files: LexiconFile[] }).files);
  return cached;
}

/** The raw lexicon data files, for tests and tools. */
export function lexiconFiles(): LexiconFile[] {
  return (data as { files: LexiconFile[] }).files;
}
