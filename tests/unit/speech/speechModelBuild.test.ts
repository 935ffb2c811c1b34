/**
 * The install-time model build (scripts/speech-model): reading pocketsphinx's trie binary back to ARPA (Debian's
 * sphinx_lm_convert cannot) and the linear interpolation of two backoff models. Small models written here, the real
 * sphinx_lm_convert to make the binary.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const loadDump = () => import('../../../scripts/speech-model/dump-trie-lm.mjs');
const loadMix = () => import('../../../scripts/speech-model/mix-arpa.mjs');

const dir = mkdtempSync(join(tmpdir(), 'speech-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Tiny trigram models in ARPA form (log10 probabilities and backoffs); unigrams other than <s> sum to 1.
const ARPA_A = `\\data\\
ngram 1=6
ngram 2=5
ngram 3=2

\\1-grams:
-0.69897\t</s>
-99\t<s>\t-0.30
-0.52288\ttake\t-0.20
-1.00000\tmetformin\t-0.25
-0.60206\tdaily\t-0.10
-0.82391\tnow\t-0.10

\\2-grams:
-0.20\t<s> take\t-0.10
-0.30\ttake metformin\t-0.05
-0.40\tmetformin daily\t-0.10
-0.50\tdaily </s>
-0.60\ttake now

\\3-grams:
-0.10\t<s> take metformin
-0.20\ttake metformin daily

\\end\\
`;
const ARPA_B = `\\data\\
ngram 1=5
ngram 2=3

\\1-grams:
-0.60206\t</s>
-99\t<s>\t-0.30
-0.45593\ttake\t-0.20
-0.69897\tdaily\t-0.10
-0.69897\tnow\t-0.10

\\2-grams:
-0.20\t<s> take
-0.35\ttake now
-0.50\tdaily </s>

\\end\\
`;

describe('dump-trie-lm', () => {
  it('reads a sphinx_lm_convert binary back to the same n-grams and weights', async () => {
    const { readTrieLm, dumpArpa } = await loadDump();
    const { readArpa, Vocab } = await loadMix();
    writeFileSync(join(dir, 'a.arpa'), ARPA_A);
    execFileSync('sphinx_lm_convert', ['-i', join(dir, 'a.arpa'), '-o', join(dir, 'a.lm.bin')], { stdio: 'ignore' });
    const counts = await dumpArpa(readTrieLm(join(dir, 'a.lm.bin')), join(dir, 'a.dump.arpa'));
    expect(counts).toEqual({ unigrams: 6, bigrams: 5, trigrams: 2 });
    const vocab = new Vocab();
    const before = await readArpa(join(dir, 'a.arpa'), vocab);
    const after = await readArpa(join(dir, 'a.dump.arpa'), vocab);
    for (const n of [0, 1, 2] as const) {
      const text = (g: typeof before) =>
        [...g[n].values()]
          .filter((x) => x.prob > -98)
          .map((x) => `${x.ids.map((i) => vocab.words[i]).join(' ')} ${x.prob.toFixed(1)} ${x.bo.toFixed(1)}`)
          .sort();
      expect(text(after)).toEqual(text(before));
    }
  });

  it('rejects a file that is not a trie model', async () => {
    const { readTrieLm } = await loadDump();
    writeFileSync(join(dir, 'junk.bin'), 'Darpa Trigram LM and more');
    expect(() => readTrieLm(join(dir, 'junk.bin'))).toThrow(/not a trie LM/);
  });
});

describe('mix-arpa', () => {
  it('interpolates every n-gram of either model and keeps each context a distribution', async () => {
    const { readArpa, mix, writeArpa, Vocab } = await loadMix();
    writeFileSync(join(dir, 'a.arpa'), ARPA_A);
    writeFileSync(join(dir, 'b.arpa'), ARPA_B);
    const vocab = new Vocab();
    const a = await readArpa(join(dir, 'a.arpa'), vocab);
    const b = await readArpa(join(dir, 'b.arpa'), vocab);
    const m = mix(a, b, 0.5);
    const id = (w: string) => vocab.id(w);
    const key = (...ws: string[]) => ws.reduce((k, w) => k * 2 ** 17 + id(w), 0);
    // take now: explicit in both → 0.5·10^-0.60 + 0.5·10^-0.35.
    expect(10 ** m[1].get(key('take', 'now'))!.prob).toBeCloseTo(0.5 * 10 ** -0.6 + 0.5 * 10 ** -0.35, 6);
    // metformin exists only in A: half its probability.
    expect(10 ** m[0].get(key('metformin'))!.prob).toBeCloseTo(0.5 * 0.1, 6);
    // take metformin: explicit in A; B has no metformin at all.
    expect(10 ** m[1].get(key('take', 'metformin'))!.prob).toBeCloseTo(0.5 * 10 ** -0.3, 6);
    // take daily: explicit in neither; A backs off to daily, B too, each with its own backoff weight.
    expect(m[1].has(key('take', 'daily'))).toBe(false);
    // After "take", the mixed model's probabilities over the vocabulary sum to 1 (explicit + backed off).
    const words = vocab.words.filter((w) => w !== '<s>');
    const p = (h: string, w: string) => {
      const hit = m[1].get(key(h, w));
      return hit ? 10 ** hit.prob : 10 ** (m[0].get(key(h))!.bo + m[0].get(key(w))!.prob);
    };
    expect(words.reduce((s, w) => s + 10 ** m[0].get(key(w))!.prob, 0)).toBeCloseTo(1, 4);
    expect(words.reduce((s, w) => s + p('take', w), 0)).toBeCloseTo(1, 4);
    await writeArpa(m, vocab, join(dir, 'mix.arpa'));
    const text = readFileSync(join(dir, 'mix.arpa'), 'utf8');
    expect(text).toMatch(/ngram 3=2/);
    execFileSync('sphinx_lm_convert', ['-i', join(dir, 'mix.arpa'), '-o', join(dir, 'mix.lm.bin')], {
      stdio: 'ignore',
    });
  });
});
