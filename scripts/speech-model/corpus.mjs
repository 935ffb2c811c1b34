// Text normalisation and sources of the clinical language model's training text: spoken-form sentences, lowercase,
// numbers as words, one sentence per line. Shared by the build script and the overlap test, so both see the same
// sentences.
import { createHash } from 'node:crypto';

const ONES =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = 'x x twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');

/** Spells a non-negative integer below a billion the way a speaker says it ("one hundred twenty"). */
export function numberToWords(n) {
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? ` ${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${numberToWords(n % 100)}` : ''}`;
  if (n < 1e6) return `${numberToWords(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${numberToWords(n % 1000)}` : ''}`;
  if (n < 1e9) return `${numberToWords(Math.floor(n / 1e6))} million${n % 1e6 ? ` ${numberToWords(n % 1e6)}` : ''}`;
  return String(n)
    .split('')
    .map((d) => ONES[Number(d)])
    .join(' ');
}

const spellNumber = (digits, decimals) =>
  numberToWords(Number(digits)) +
  (decimals
    ? ` point ${decimals
        .split('')
        .map((d) => ONES[Number(d)])
        .join(' ')}`
    : '');

// Written abbreviations said as words ("dr." is read "doctor"), so the model never predicts the written form.
const SPOKEN = { dr: 'doctor', mr: 'mister', mrs: 'missus', mg: 'milligrams', mcg: 'micrograms', ml: 'milliliters' };

/** Splits free text into normalised spoken-form sentences (lowercase words, numbers spelled, no punctuation). */
export function toSentences(text) {
  return text
    .toLowerCase()
    .replace(/\b(dr|mrs?|mg|mcg|ml)\b\.?/g, (_, a) => SPOKEN[a])
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/%/g, ' percent ')
    .replace(/(\d+)(?:\.(\d+))?/g, (_, d, f) => ` ${spellNumber(d, f)} `)
    .split(/[.?!;:\n]+(?:\s|$)/)
    .map((s) =>
      s
        .replace(/[‘’]/g, "'")
        .replace(/[^a-z' ]+/g, ' ')
        .replace(/(^| )'+|'+( |$)/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
        .join(' '),
    )
    .filter((s) => s.length > 0);
}

/** The words of a sentence. */
export const words = (sentence) => sentence.split(' ').filter(Boolean);

/** 40-bit hashes of every `n`-word window of a sentence (the whole sentence when shorter). */
export function ngramHashes(sentence, n = 6) {
  const w = words(sentence);
  const grams = w.length <= n ? [w.join(' ')] : w.slice(0, w.length - n + 1).map((_, i) => w.slice(i, i + n).join(' '));
  return grams.map((g) => createHash('sha256').update(g).digest('hex').slice(0, 10));
}

function editDistance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

const CARRIERS = {
  MedicationName: ['take X', 'start X', 'prescribe X', 'continue X', 'stop the X', 'you are on X', 'refill of X'],
  MedicationClass: ['start a X', 'take the X'],
  Diagnosis: ['history of X', 'you have X', 'this is X'],
  SymptomOrSign: ['any X', 'you have X'],
  ExaminationName: ['order a X', 'the X'],
  TreatmentName: ['start X', 'recommend X'],
};

/**
 * Sentences from the health lexicon: every term alone and in a few carrier phrases of its category. Common
 * misspellings listed as synonyms (a word not in the stock dictionary within two edits of a word of the concept's
 * display name) are left out, so the recognizer never learns to spell a drug wrong.
 */
export function lexiconSentences(lexicon, known) {
  const out = [];
  for (const file of lexicon.files) {
    if (file.category === '-') continue;
    for (const concept of file.concepts) {
      const display = words(toSentences(concept.display)[0] ?? '');
      for (const term of new Set([concept.display, ...concept.terms])) {
        for (const s of toSentences(term)) {
          const misspelt = words(s).some(
            (w) => !known.has(w) && !display.includes(w) && display.some((d) => editDistance(w, d) <= 2),
          );
          if (misspelt) continue;
          out.push(s);
          for (const c of CARRIERS[file.category] ?? []) out.push(c.replace('X', s));
        }
      }
    }
  }
  return out;
}

/** Parses the dialogues of an ACI-BENCH challenge_data CSV (columns dataset, encounter_id, dialogue, note). */
export function aciDialogues(csv) {
  const rows = [];
  let field = '';
  let row = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (c !== '\r') field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  const header = rows.shift() ?? [];
  const col = header.indexOf('dialogue');
  if (col < 0) throw new Error('no dialogue column');
  return rows.filter((r) => r.length > col).map((r) => r[col].replace(/\[[a-z_ ]+\]/gi, '\n'));
}
