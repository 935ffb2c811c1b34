/**
 * The fresh speech fixtures (tests/fixtures/encounters-fresh) exist to measure the clinical language model out of
 * sample, so none of their text may be in its training text. The build script commits hashes of every 6-word
 * window of every training sentence (src/engines/speech/local/model/training-6grams.txt.gz); this test hashes the
 * fixtures the same way. Short courtesies ("okay", "got it") are ordinary English and may coincide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { clinicalModelDir } from '../../../src/engines/speech/local/clinicalModel';
import { ENCOUNTER_DIR, FRESH_ENCOUNTER_DIR, listEncounters, loadScriptFrom } from '../../helpers/synthesize';

const corpus = () => import('../../../scripts/speech-model/corpus.mjs');

const trainingHashes = new Set(
  gunzipSync(readFileSync(join(clinicalModelDir(), 'training-6grams.txt.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean),
);

/** Sentences (of three words or more) of a script that share a 6-word run with the training text. */
async function overlaps(dir: string, id: string): Promise<{ sentences: string[]; total: number }> {
  const { toSentences, ngramHashes, words } = await corpus();
  const script = await loadScriptFrom(dir, id);
  const all = script.turns.flatMap((t) => toSentences(t.text)).filter((s) => words(s).length >= 3);
  return { sentences: all.filter((s) => ngramHashes(s).some((h) => trainingHashes.has(h))), total: all.length };
}

describe('clinical language model training text', () => {
  it('holds hashes to compare against', () => {
    expect(trainingHashes.size).toBeGreaterThan(50_000);
  });

  it('finds a sentence it was trained on (the check can fail)', async () => {
    const { ngramHashes } = await corpus();
    // A lexicon carrier phrase the build script adds for every drug.
    expect(ngramHashes('you are on metformin').every((h) => trainingHashes.has(h))).toBe(true);
  });

  it('has at least five fresh encounters with their clinical terms', async () => {
    const ids = await listEncounters(FRESH_ENCOUNTER_DIR);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const script = await loadScriptFrom(FRESH_ENCOUNTER_DIR, id);
      const text = script.turns.map((t) => t.text.toLowerCase()).join(' ');
      expect(script.terms?.length ?? 0).toBeGreaterThanOrEqual(5);
      for (const term of script.terms ?? []) expect(text, `${id}: ${term}`).toContain(term);
    }
  });

  it('never saw a sentence or 6-word run of the fresh encounters', async () => {
    for (const id of await listEncounters(FRESH_ENCOUNTER_DIR)) {
      expect((await overlaps(FRESH_ENCOUNTER_DIR, id)).sentences, id).toEqual([]);
    }
  });

  it('was not given the scripted encounters (only everyday phrasing coincides with ACI-BENCH)', async () => {
    // Their figures are still reported as partly in-sample: a few stock phrases also occur in the dialogues.
    for (const id of await listEncounters(ENCOUNTER_DIR)) {
      const { sentences, total } = await overlaps(ENCOUNTER_DIR, id);
      expect(sentences.length / total, id).toBeLessThan(0.25);
    }
  });
});
