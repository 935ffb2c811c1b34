import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { lexiconFiles, loadLexicon } from '../../../src/engines/health/local/loadLexicon';

const CODE_FORMATS: Record<string, RegExp> = {
  // ICD-10-CM: letter, digit, letter-or-digit, then optionally a dot and 1-4 characters (7th character included).
  ICD10CM: /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/,
  RXNORM: /^[1-9][0-9]{1,7}$/,
  // LOINC: up to 7 digits, a hyphen and the mod-10 check digit.
  LNC: /^[1-9][0-9]{0,6}-[0-9]$/,
  SNOMEDCT_US: /^[1-9][0-9]{5,17}$/,
  ATC: /^[A-Z](?:[0-9]{2}(?:[A-Z](?:[A-Z](?:[0-9]{2})?)?)?)?$/,
};

/** LOINC check digit (mod 10, Luhn-style over the digits before the hyphen). */
function loincCheckDigit(body: string): number {
  const digits = body.split('').map(Number);
  let sum = 0;
  digits.reverse().forEach((d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return (10 - (sum % 10)) % 10;
}

/** SNOMED CT identifiers end in a Verhoeff check digit. */
function verhoeffValid(id: string): boolean {
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  let c = 0;
  id.split('')
    .reverse()
    .map(Number)
    .forEach((n, i) => (c = d[c]![p[i % 8]![n]!]!));
  return c === 0;
}

describe('lexicon data', () => {
  const lexicon = loadLexicon();
  const codes = lexicon.concepts.flatMap((c) => c.codes.map((code) => ({ ...code, concept: c.display })));

  it('holds at least 1,500 concepts with synonyms', () => {
    const real = lexicon.concepts.filter((c) => c.category !== '-');
    expect(real.length).toBeGreaterThanOrEqual(1500);
    expect(real.reduce((n, c) => n + c.terms.length, 0)).toBeGreaterThan(4000);
  });

  it('names the code system and version of every coded table', () => {
    for (const file of lexiconFiles()) {
      if (file.concepts.some((c) => c.code)) {
        expect(file.system, file.name).toMatch(/^(ICD10CM|RXNORM|LNC|SNOMEDCT_US|ATC)$/);
        expect(file.version, file.name).toBeTruthy();
      }
    }
  });

  it.each(Object.keys(CODE_FORMATS))('every %s code is well formed', (system) => {
    const bad = codes.filter((c) => c.system === system && !CODE_FORMATS[system]!.test(c.code));
    expect(bad).toEqual([]);
  });

  it('every LOINC code carries its check digit', () => {
    const bad = codes.filter(
      (c) => c.system === 'LNC' && loincCheckDigit(c.code.split('-')[0]!) !== Number(c.code.split('-')[1]),
    );
    expect(bad).toEqual([]);
  });

  it('every SNOMED CT identifier passes the Verhoeff check', () => {
    const bad = codes.filter((c) => c.system === 'SNOMEDCT_US' && !verhoeffValid(c.code));
    expect(bad).toEqual([]);
  });

  it('uses only code systems the model knows', () => {
    expect(new Set(codes.map((c) => c.system))).toEqual(new Set(['ICD10CM', 'RXNORM', 'LNC', 'SNOMEDCT_US', 'ATC']));
  });

  // Curated: codes checked against the code systems' own releases.
  it.each([
    ['metformin', 'RXNORM', '6809'],
    ['lisinopril', 'RXNORM', '29046'],
    ['atorvastatin', 'RXNORM', '83367'],
    ['acetaminophen', 'RXNORM', '161'],
    ['ibuprofen', 'RXNORM', '5640'],
    ['amoxicillin', 'RXNORM', '723'],
    ['naproxen', 'RXNORM', '7258'],
    ['albuterol', 'RXNORM', '435'],
    ['type 2 diabetes', 'ICD10CM', 'E11.9'],
    ['hypertension', 'ICD10CM', 'I10'],
    ['asthma', 'ICD10CM', 'J45.909'],
    ['pneumonia', 'ICD10CM', 'J18.9'],
    ['cough', 'ICD10CM', 'R05.9'],
    ['fever', 'ICD10CM', 'R50.9'],
    ['chest pain', 'ICD10CM', 'R07.9'],
    ['shortness of breath', 'ICD10CM', 'R06.02'],
    ['headache', 'ICD10CM', 'R51.9'],
    ['sciatica', 'ICD10CM', 'M54.30'],
    ['rheumatoid arthritis', 'ICD10CM', 'M06.9'],
    ['high cholesterol', 'ICD10CM', 'E78.00'],
    ['hemoglobin a1c', 'LNC', '4548-4'],
    ['body temperature', 'LNC', '8310-5'],
    ['heart rate', 'LNC', '8867-4'],
    ['systolic blood pressure', 'LNC', '8480-6'],
    ['hemoglobin', 'LNC', '718-7'],
    ['tsh', 'LNC', '3016-3'],
    ['heart attack', 'SNOMEDCT_US', '22298006'],
    ['by mouth', 'SNOMEDCT_US', '26643006'],
    ['mother', 'SNOMEDCT_US', '72705000'],
    ['lung', 'SNOMEDCT_US', '39607008'],
  ])('%s → %s %s', (term, system, code) => {
    const concept = lexicon.concepts.find((c) => c.terms.some((t) => t.toLowerCase() === term));
    expect(concept?.codes).toContainEqual(expect.objectContaining({ system, code }));
  });

  it('data/lexicon.json is what the tables generate', async () => {
    const dir = join(__dirname, '../../../src/engines/health/local/tables');
    const { buildLexiconData } = (await import(join(dir, 'build-lexicon.mjs'))) as {
      buildLexiconData: (d: string) => unknown;
    };
    expect(buildLexiconData(dir)).toEqual({ files: lexiconFiles() });
  });
});
