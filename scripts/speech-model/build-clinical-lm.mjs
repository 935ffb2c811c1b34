#!/usr/bin/env node
// Builds the committed clinical language model of the offline recognizer (run by a developer; the result is
// committed): a trigram model of clinical conversation (irstlm, modified shift-beta smoothing) from ACI-BENCH
// train/valid dialogues (CC BY 4.0) and the health lexicon's terms in carrier phrases, pronunciations from flite's
// t2p for every word the stock dictionary lacks, and hashes of the training text's 6-grams for the overlap test.
// Never give it an evaluation set. Usage:
//   node scripts/speech-model/build-clinical-lm.mjs --aci /path/to/aci-bench/challenge_data
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { aciDialogues, lexiconSentences, ngramHashes, toSentences, words } from './corpus.mjs';
import { STOCK_DICT, toCmuPhones } from './phones.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'src/engines/speech/local/model');
const IRSTLM = '/usr/lib/irstlm';

const { values } = parseArgs({ options: { aci: { type: 'string' } } });
if (!values.aci) {
  console.error('usage: build-clinical-lm.mjs --aci <ACI-BENCH challenge_data folder (train.csv, valid.csv)>');
  process.exit(2);
}
const known = new Set(
  readFileSync(STOCK_DICT, 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[0]),
);
const lexicon = JSON.parse(readFileSync(join(ROOT, 'src/engines/health/local/data/lexicon.json'), 'utf8'));
const sources = {};
const sentences = [];
for (const split of ['train', 'valid']) {
  const s = aciDialogues(readFileSync(join(values.aci, `${split}.csv`), 'utf8')).flatMap(toSentences);
  sources[`aci-bench ${split} dialogues`] = s.length;
  sentences.push(...s);
}
const lex = lexiconSentences(lexicon, known);
sources['health lexicon terms and carrier phrases'] = lex.length;
sentences.push(...lex);

const tmp = mkdtempSync(join(tmpdir(), 'clinical-lm-'));
try {
  const text = join(tmp, 'corpus.txt');
  writeFileSync(text, sentences.map((s) => `<s> ${s} </s>`).join('\n') + '\n');
  const env = { ...process.env, IRSTLM, PATH: `${IRSTLM}/bin:${process.env.PATH}` };
  const opts = { env, stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync(
    'build-lm.sh',
    ['-i', text, '-o', join(tmp, 'lm.gz'), '-n', '3', '-k', '1', '-s', 'improved-kneser-ney', '-t', join(tmp, 'stat')],
    opts,
  );
  execFileSync('compile-lm', [join(tmp, 'lm.gz'), '--text=yes', join(tmp, 'lm.arpa')], opts);
  // irstlm's open-vocabulary <unk> has no pronunciation and is never spoken: drop it from the ARPA.
  const arpa = readFileSync(join(tmp, 'lm.arpa'), 'utf8')
    .split('\n')
    .filter((l) => !/(^|\s)<unk>(\s|$)/.test(l))
    .join('\n');
  const counts = [1, 2, 3].map((n) => {
    const section = arpa.split(`\\${n}-grams:`)[1]?.split('\\')[0] ?? '';
    return section.split('\n').filter((l) => l.trim()).length;
  });
  const fixed = arpa.replace(/ngram (\d)=\s*\d+/g, (_, n) => `ngram ${n}=${counts[Number(n) - 1]}`);
  writeFileSync(join(OUT, 'clinical.arpa.gz'), gzipSync(fixed, { level: 9 }));

  const vocab = [...new Set(sentences.flatMap(words))].sort();
  const missing = vocab.filter((w) => !known.has(w));
  const dict = missing.flatMap((w) => {
    const phones = toCmuPhones(execFileSync('t2p', [w], { encoding: 'utf8' }));
    return phones.length > 0 ? [`${w} ${phones.join(' ')}`] : [];
  });
  // Drug and condition names the stock dictionary has, but pronounced otherwise by the letter-to-sound rules
  // ("amoxicillin" AH M AO… vs AA M AA…), get the t2p pronunciation as an alternate: speakers vary on these names.
  const stockProns = new Map();
  for (const line of readFileSync(STOCK_DICT, 'utf8').split('\n')) {
    const [w, ...p] = line.trim().split(/\s+/);
    if (!w) continue;
    const base = w.replace(/\(\d+\)$/, '');
    stockProns.set(base, [...(stockProns.get(base) ?? []), p.join(' ')]);
  }
  const clinicalWords = new Set(
    lexicon.files
      .filter((f) => ['MedicationName', 'Diagnosis'].includes(f.category))
      .flatMap((f) => f.concepts.flatMap((c) => [c.display, ...c.terms].flatMap(toSentences).flatMap(words)))
      .filter((w) => w.length >= 5 && known.has(w) && vocab.includes(w)),
  );
  for (const w of [...clinicalWords].sort()) {
    const phones = toCmuPhones(execFileSync('t2p', [w], { encoding: 'utf8' })).join(' ');
    const prons = stockProns.get(w) ?? [];
    if (phones && !prons.includes(phones)) dict.push(`${w}(${prons.length + 1}) ${phones}`);
  }
  writeFileSync(join(OUT, 'clinical.dict'), dict.join('\n') + '\n');

  const hashes = [...new Set(sentences.flatMap((s) => ngramHashes(s)))].sort();
  writeFileSync(join(OUT, 'training-6grams.txt.gz'), gzipSync(hashes.join('\n') + '\n', { level: 9 }));
  const manifest = {
    description:
      'Clinical trigram model for pocketsphinx; mixed with the stock en-US model at install (scripts/speech-model/install.mjs).',
    command: 'node scripts/speech-model/build-clinical-lm.mjs --aci <aci-bench>/challenge_data',
    smoothing: 'irstlm build-lm.sh -n 3 -s improved-kneser-ney',
    sources,
    sentences: sentences.length,
    words: sentences.reduce((n, s) => n + words(s).length, 0),
    ngrams: counts,
    pronunciations: {
      source: 'flite t2p, mapped to the CMU phone set',
      newWords: dict.filter((l) => !/^\S+\(\d+\) /.test(l)).length,
      alternates: dict.filter((l) => /^\S+\(\d+\) /.test(l)).length,
    },
    overlapHashes: '40-bit sha256 prefixes of every 6-word window of every training sentence',
  };
  writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(JSON.stringify(manifest));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
