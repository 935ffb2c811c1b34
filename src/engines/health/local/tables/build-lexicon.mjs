#!/usr/bin/env node
// Builds ../data/lexicon.json from the tables in this folder (run: node src/engines/health/local/tables/build-lexicon.mjs).
// Table format: header lines "# category: X", "# system: ICD10CM", "# version: 2026"; then one concept per line,
// "code | display | synonym; synonym… | SYSTEM:code; … | plain name" (code "-" when the concept has none; a display
// holding "{0}" is a pattern's normalized-text template and "#" in a term stands for a number). The display is the
// code system's official title; the optional plain name is what a clinician writes in a note (default: the display,
// or in ICD-10-CM tables the first synonym, since ICD titles read "Other fatigue", "Anesthesia of skin").
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Parses one table's text into a lexicon file object. */
export function parseTable(name, text) {
  const file = { name, category: '', system: null, version: null, concepts: [] };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line) continue;
    const header = /^#\s*(category|system|version):\s*(.+)$/.exec(line);
    if (header) {
      file[header[1]] = header[2].trim();
      continue;
    }
    if (line.startsWith('#')) continue;
    const [code = '', display = '', synonyms = '', also = '', plain = ''] = line.split('|').map((s) => s.trim());
    if (!display) throw new Error(`${name}: no display in "${line}"`);
    const concept = {
      display,
      terms: synonyms
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (code && code !== '-') concept.code = code;
    const extra = also
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (extra.length > 0) concept.also = extra;
    const plainName = plain || (file.system === 'ICD10CM' ? concept.terms[0] : undefined);
    if (plainName && plainName !== display) concept.plain = plainName;
    if (display.includes('{0}')) {
      concept.normalized = display;
      if (concept.terms.length === 0) throw new Error(`${name}: pattern without terms in "${line}"`);
    }
    file.concepts.push(concept);
  }
  if (!file.category) throw new Error(`${name}: missing "# category:"`);
  return file;
}

/** All tables of a folder, in file-name order (earlier tables win when two concepts share a term). */
export function buildLexiconData(folder) {
  const names = readdirSync(folder)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  return { files: names.map((n) => parseTable(n.replace(/\.txt$/, ''), readFileSync(join(folder, n), 'utf8'))) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = dirname(fileURLToPath(import.meta.url));
  const data = buildLexiconData(here);
  const target = join(here, '..', 'data', 'lexicon.json');
  // Formatted as the repository's Prettier settings would, so `npm run lint` stays clean.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(target)) ?? {};
  writeFileSync(target, await prettier.format(JSON.stringify(data), { ...options, parser: 'json' }));
  const count = data.files.reduce((n, f) => n + f.concepts.length, 0);
  process.stdout.write(`lexicon: ${data.files.length} tables, ${count} concepts\n`);
}
