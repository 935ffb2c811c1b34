/**
 * The clinical pronunciations (src/engines/speech/local/model/clinical.dict, generated with flite's t2p by
 * scripts/speech-model/build-clinical-lm.mjs) must use only phones of pocketsphinx's en-US acoustic model — a
 * phone it lacks makes the recognizer reject the whole dictionary — and must cover every drug and condition word
 * of the health lexicon that the stock dictionary lacks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import lexicon from '../../../src/engines/health/local/data/lexicon.json';
import { clinicalModelDir } from '../../../src/engines/speech/local/clinicalModel';

// The build scripts are ES modules; this test file is CommonJS, so they are loaded dynamically.
const loadPhones = () => import('../../../scripts/speech-model/phones.mjs');
const loadCorpus = () => import('../../../scripts/speech-model/corpus.mjs');
let phonesModule: Awaited<ReturnType<typeof loadPhones>>;
let corpusModule: Awaited<ReturnType<typeof loadCorpus>>;
let stockWords: Set<string>;
beforeAll(async () => {
  phonesModule = await loadPhones();
  corpusModule = await loadCorpus();
  stockWords = new Set(
    readFileSync(phonesModule.STOCK_DICT, 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[0]!.replace(/\(\d+\)$/, '')),
  );
});

function modelPhones(): Set<string> {
  const { STOCK_MODEL_DIR } = phonesModule;
  const dir = mkdtempSync(join(tmpdir(), 'mdef-'));
  try {
    execFileSync('pocketsphinx_mdef_convert', ['-text', join(STOCK_MODEL_DIR, 'en-us/mdef'), join(dir, 'mdef.txt')], {
      stdio: 'ignore',
    });
    // Context-independent phones are the rows with no left/right context: "AA - - - n/a …".
    const rows = readFileSync(join(dir, 'mdef.txt'), 'utf8').split('\n');
    return new Set(
      rows
        .map((r) => r.trim().split(/\s+/))
        .filter((c) => c[1] === '-' && c[2] === '-' && c[3] === '-')
        .map((c) => c[0]!),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parse = (text: string): Map<string, string[]> =>
  new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [w, ...p] = l.trim().split(/\s+/);
        return [w!, p];
      }),
  );
const clinical = parse(readFileSync(join(clinicalModelDir(), 'clinical.dict'), 'utf8'));

describe('clinical pronunciation dictionary', () => {
  it('uses only phones of the en-US acoustic model', () => {
    const phones = modelPhones();
    expect(phones.has('AH')).toBe(true);
    expect(phones.has('AX')).toBe(false);
    const bad = [...clinical].filter(([, p]) => p.length === 0 || p.some((x) => !phones.has(x)));
    expect(bad).toEqual([]);
  });

  it('adds words the stock dictionary lacks, and only alternates (word(n)) of words it has', () => {
    expect(clinical.size).toBeGreaterThan(500);
    expect([...clinical.keys()].filter((w) => stockWords.has(w))).toEqual([]);
    const alternates = [...clinical.keys()].filter((w) => /\(\d+\)$/.test(w));
    expect(alternates).toContain('amoxicillin(2)');
    expect(alternates.filter((w) => !stockWords.has(w.replace(/\(\d+\)$/, '')))).toEqual([]);
  });

  it('covers every drug and condition name of the lexicon missing from the stock dictionary', () => {
    const { toSentences, words } = corpusModule;
    const wanted = lexicon.files
      .filter((f) => ['MedicationName', 'Diagnosis'].includes(f.category))
      .flatMap((f) => f.concepts.flatMap((c) => toSentences(c.display).flatMap(words)));
    const missing = [...new Set(wanted)].filter((w) => !stockWords.has(w) && !clinical.has(w));
    expect(missing).toEqual([]);
    for (const drug of ['metformin', 'lisinopril', 'atorvastatin', 'naproxen']) expect(clinical.has(drug)).toBe(true);
  });

  it.each([
    ['pau m eh1 t f ao1 r m ih n pau', ['M', 'EH', 'T', 'F', 'AO', 'R', 'M', 'IH', 'N']],
    ['pau l ay1 z ax n ax p r ax l pau', ['L', 'AY', 'Z', 'AH', 'N', 'AH', 'P', 'R', 'AH', 'L']],
    ['pau b axr d pau', ['B', 'ER', 'D']],
  ])('maps flite phones %s to CMU phones', (t2p, cmu) => {
    expect(phonesModule.toCmuPhones(t2p)).toEqual(cmu);
  });

  it('is what t2p says today (the dictionary is reproducible)', () => {
    for (const w of ['lisinopril', 'apixaban', 'levothyroxine']) {
      expect(phonesModule.toCmuPhones(execFileSync('t2p', [w], { encoding: 'utf8' })), w).toEqual(clinical.get(w));
    }
  });
});
