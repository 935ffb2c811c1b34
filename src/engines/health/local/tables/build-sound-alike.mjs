#!/usr/bin/env node
// Builds ../data/sound-alike-blocked.json: real words (Debian's hunspell-en-us and hunspell-en-med dictionaries,
// stems and their plain inflections) that sound like a lexicon word without being it ("paine" must not become
// "pain" if it is a word). The offline engine re-spells only unknown words, so it needs no dictionary at run time.
// Run after build-lexicon.mjs: node src/engines/health/local/tables/build-sound-alike.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const DICTIONARIES = ['/usr/share/hunspell/en_US.dic', '/usr/share/hunspell/en_med_glut.dic'];
// The same fold as soundKey in ../soundAlike.ts (kept in step by tests/unit/health/soundAlike.test.ts).
const soundKey = (word) =>
  word
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/rh/g, 'r')
    .replace(/ph/g, 'f')
    .replace(/(?<=[^aeiou])h/g, '')
    .replace(/ae|oe/g, 'e')
    .replace(/ck|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/y/g, 'i')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/e$/, '');

const lexicon = JSON.parse(readFileSync(join(here, '..', 'data', 'lexicon.json'), 'utf8'));
const lexiconWords = new Set();
for (const file of lexicon.files)
  for (const c of file.concepts)
    for (const term of [c.display, ...c.terms])
      for (const w of term.toLowerCase().split(/[^a-z']+/)) if (w.length >= 5) lexiconWords.add(w.replace(/'/g, ''));
const keys = new Set([...lexiconWords].map(soundKey));
const blocked = new Set();
for (const path of DICTIONARIES) {
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const stem = line.split('/')[0].trim().toLowerCase();
    if (!/^[a-z]{5,}$/.test(stem.replace(/'/g, ''))) continue;
    for (const w of [stem, `${stem}s`, `${stem}es`, `${stem}ed`, `${stem}d`, `${stem}ing`])
      if (!lexiconWords.has(w) && keys.has(soundKey(w))) blocked.add(w);
  }
}
const target = join(here, '..', 'data', 'sound-alike-blocked.json');
writeFileSync(target, JSON.stringify([...blocked].sort(), null, 0).replace(/","/g, '",\n"') + '\n');
process.stdout.write(`sound-alike: ${lexiconWords.size} lexicon words, ${blocked.size} real words blocked\n`);
