#!/usr/bin/env node
// Builds the recognizer's language model on this machine (run by `npm start`/`npm test` before anything else, no
// network): the committed clinical trigram model (src/engines/speech/local/model/clinical.arpa.gz) interpolated with
// the stock en-US model of Debian's pocketsphinx-en-us, so clinical words are recognized and everyday speech does not
// get worse, plus the stock dictionary extended with the clinical pronunciations. The stock model is 27 MB and
// comes from the Debian package, which is why the mix is built here and not committed. Skips when up to date or when
// pocketsphinx is not installed (the engine then falls back to the stock model).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { dumpArpa, readTrieLm } from './dump-trie-lm.mjs';
import { mix, readArpa, Vocab, writeArpa } from './mix-arpa.mjs';
import { STOCK_DICT, STOCK_LM } from './phones.mjs';

/** Weight of the clinical model in the mix (the stock model gets the rest). */
export const CLINICAL_WEIGHT = 0.5;
const RECIPE = `v1|trigram mix|clinical ${CLINICAL_WEIGHT}`;
const MODEL = resolve(import.meta.dirname, '../../src/engines/speech/local/model');
const BUILT = join(MODEL, 'built');

// Written abbreviations in the stock dictionary that would otherwise win over the spoken word ("dr" said "doctor").
const DROPPED = /^(dr|mr|mrs|ms|st)(\(\d+\))? /;

/** Stock dictionary without written abbreviations, plus the clinical pronunciations. */
function dictionary() {
  const stock = readFileSync(STOCK_DICT, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !DROPPED.test(l));
  return stock.join('\n') + '\n' + readFileSync(join(MODEL, 'clinical.dict'), 'utf8');
}

/** Identifies the language model's inputs (the dictionary is rewritten whenever it differs). */
function sourceKey() {
  const h = createHash('sha256').update(RECIPE);
  h.update(readFileSync(join(MODEL, 'clinical.arpa.gz')));
  h.update(String(readFileSync(STOCK_LM).length));
  return h.digest('hex').slice(0, 16);
}

async function main() {
  if (!existsSync(STOCK_LM) || !existsSync('/usr/bin/sphinx_lm_convert')) {
    console.warn(
      'clinscribe: pocketsphinx-en-us or sphinxbase-utils missing; the offline recognizer uses no clinical model.',
    );
    return;
  }
  const key = sourceKey();
  if (existsSync(join(BUILT, 'key')) && readFileSync(join(BUILT, 'key'), 'utf8').trim() === key) {
    // The dictionary is cheap to write: keep it in step with clinical.dict without rebuilding the model.
    const dict = dictionary();
    const path = join(BUILT, 'clinical-en-us.dict');
    if (!existsSync(path) || readFileSync(path, 'utf8') !== dict) writeFileSync(path, dict);
    return;
  }
  const started = Date.now();
  console.log('clinscribe: building the clinical speech model (once, about two minutes)…');
  mkdirSync(MODEL, { recursive: true });
  const tmp = mkdtempSync(join(MODEL, '.tmp-'));
  try {
    await dumpArpa(readTrieLm(STOCK_LM), join(tmp, 'stock.arpa'));
    const vocab = new Vocab();
    const clinical = await readArpa(join(MODEL, 'clinical.arpa.gz'), vocab);
    const stock = await readArpa(join(tmp, 'stock.arpa'), vocab);
    rmSync(join(tmp, 'stock.arpa'));
    await writeArpa(mix(clinical, stock, CLINICAL_WEIGHT), vocab, join(tmp, 'mix.arpa'));
    execFileSync('sphinx_lm_convert', ['-i', join(tmp, 'mix.arpa'), '-o', join(tmp, 'clinical-en-us.lm.bin')], {
      stdio: 'ignore',
    });
    rmSync(join(tmp, 'mix.arpa'));
    writeFileSync(join(tmp, 'clinical-en-us.dict'), dictionary());
    writeFileSync(join(tmp, 'key'), key + '\n');
    rmSync(BUILT, { recursive: true, force: true });
    renameSync(tmp, BUILT);
    console.log(`clinscribe: clinical speech model built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
