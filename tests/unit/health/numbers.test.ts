import { describe, expect, it } from 'vitest';

import { readNumber } from '../../../src/engines/health/local/numbers';
import { tokenize } from '../../../src/engines/health/local/tokenize';

describe('readNumber', () => {
  it.each([
    ['five hundred milligrams', 500, 2],
    ['eight hundred seventy five milligrams', 875, 4],
    ['one hundred and one degrees', 101, 4],
    ['one hundred and forty over ninety', 140, 4],
    ['thirty eight point four degrees', 38.4, 4],
    ['eight point two percent', 8.2, 3],
    ['one thousand milligrams', 1000, 2],
    ['twenty five hundred', 2500, 3],
    ['two thousand and five', 2005, 4],
    ['ninety seven percent', 97, 2],
    ['sixty', 60, 1],
    ['zero point five', 0.5, 3],
    ['500 mg', 500, 1],
    ['38.4', 38.4, 1],
    ['1,000 units', 1000, 1],
  ])('%s → %d', (text, value, tokens) => {
    const run = readNumber(tokenize(text), 0);
    expect(run).toEqual({ value, end: tokens });
  });

  it.each(['one two three', 'hundred', 'and ten', 'point five', 'milligrams'])(
    'does not read "%s" as one number from its start',
    (text) => {
      const run = readNumber(tokenize(text), 0);
      if (text === 'one two three') expect(run).toEqual({ value: 1, end: 1 });
      else expect(run).toBeUndefined();
    },
  );
});
