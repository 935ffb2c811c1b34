import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { PocketsphinxOptions } from './runPocketsphinx';

/** Folder of the committed clinical model sources (`clinical.arpa.gz`, `clinical.dict`, `manifest.json`). */
export function clinicalModelDir(): string {
  // Same folder from source (vitest) and from dist/ (the compiled app): walk up to the repository root.
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'src/engines/speech/local/model');
}

/**
 * The recognizer's clinical language model and dictionary, built on this machine by
 * `scripts/speech-model/install.mjs` (run before `npm start` and `npm test`); undefined when not built, in which
 * case pocketsphinx runs with the stock en-US model.
 */
export function clinicalModel(): Pick<PocketsphinxOptions, 'lm' | 'dict'> | undefined {
  const built = join(clinicalModelDir(), 'built');
  const lm = join(built, 'clinical-en-us.lm.bin');
  const dict = join(built, 'clinical-en-us.dict');
  return existsSync(lm) && existsSync(dict) ? { lm, dict } : undefined;
}
