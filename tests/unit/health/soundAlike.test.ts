import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { soundKey } from '../../../src/engines/health/local/soundAlike';
import { analyzeTurns } from './analyzeTurns';

describe('sound-alike matching of recognizer near-misses', () => {
  it.each<[string, string, string]>([
    ['i hear some ronchi on the left', 'ronchi', 'SymptomOrSign'],
    ['she has had diarrea since monday', 'diarrea', 'SymptomOrSign'],
    ['he takes metphormin twice a day', 'metphormin', 'MedicationName'],
  ])('%s', async (sentence, words, category) => {
    const a = await analyzeTurns(['clinician', sentence]);
    expect(a.entities.find((x) => x.text === words)?.category).toBe(category);
  });

  it('leaves real words alone even when they sound like a lexicon word', async () => {
    const a = await analyzeTurns(['patient', 'i paid the bill and went to the pharmacy']);
    expect(a.entities.map((e) => e.text)).not.toContain('paid');
  });

  it('folds the same letters as the build script that lists the real words', () => {
    const script = readFileSync(
      join(__dirname, '../../../src/engines/health/local/tables/build-sound-alike.mjs'),
      'utf8',
    );
    const source = readFileSync(join(__dirname, '../../../src/engines/health/local/soundAlike.ts'), 'utf8');
    const folds = (text: string): string[] => text.match(/^\s+\.replace\([^\n]+\)$/gm)?.map((l) => l.trim()) ?? [];
    expect(folds(script)).toEqual(folds(source));
    expect(soundKey('Rhonchi')).toBe(soundKey('ronchi'));
  });
});
