import { describe, expect, it } from 'vitest';

import type { Turn } from './analyzeTurns';
import { analyzeTurns } from './analyzeTurns';

/** Allergy frames (issue 11 item 3); cases paraphrase misreadings seen on real visits. */
describe('allergy frames', () => {
  it.each<[string, Turn[], string, string | undefined, string | undefined]>([
    // [name, turns, words, expected category (undefined: no entity), expected certainty]
    ['allergic to a drug', [['patient', "I'm allergic to penicillin."]], 'penicillin', 'Allergen', undefined],
    ['tokenized, unpunctuated', [['patient', 'i am allergic to penicillin']], 'penicillin', 'Allergen', undefined],
    [
      'a drug that makes me break out',
      [['patient', 'amoxicillin makes me break out in hives']],
      'amoxicillin',
      'Allergen',
      undefined,
    ],
    ['a food allergy', [['patient', "she's allergic to peanuts"]], 'peanuts', 'Allergen', undefined],
    [
      'a food allergy named as such',
      [['patient', 'he has a peanut allergy']],
      'peanut allergy',
      'Diagnosis',
      undefined,
    ],
    [
      'allergy answered yes',
      [
        ['clinician', 'any food allergies'],
        ['patient', 'yes peanuts , i get hives'],
      ],
      'peanuts',
      'Allergen',
      undefined,
    ],
    ['food in a product name', [['patient', 'i had honey nut cheerios for breakfast']], 'nut', undefined, undefined],
    ['food in a treat', [['patient', 'i love peanut butter cups']], 'peanut', undefined, undefined],
    ['pets at home', [['patient', 'we have two dogs and a cat at home']], 'dogs', undefined, undefined],
    ['dietary advice', [['clinician', 'try to avoid milk for a week']], 'milk', undefined, undefined],
    [
      'a drug taken is still a medication',
      [['patient', 'i take amoxicillin twice a day']],
      'amoxicillin',
      'MedicationName',
      undefined,
    ],
    ['no known allergies', [['patient', 'no known allergies']], 'allergies', 'Diagnosis', 'negative'],
    [
      'no known drug allergies',
      [['clinician', 'she has no known drug allergies']],
      'drug allergies',
      'Diagnosis',
      'negative',
    ],
  ])('%s', async (_name, turns, words, category, certainty) => {
    const a = await analyzeTurns(...turns);
    const e = a.entities.find((x) => x.text.toLowerCase() === words.toLowerCase());
    expect(e?.category).toBe(category);
    if (e) expect(e.assertion.certainty).toBe(certainty);
  });

  it('relates the reaction to the allergen', async () => {
    const a = await analyzeTurns(['patient', 'penicillin gives me hives']);
    const allergen = a.entities.find((e) => e.text === 'penicillin')!;
    const hives = a.entities.find((e) => e.text === 'hives')!;
    expect(allergen.category).toBe('Allergen');
    expect(a.relations).toContainEqual(
      expect.objectContaining({
        type: 'ReactionOfAllergen',
        roles: expect.arrayContaining([
          { name: 'Allergen', entityId: allergen.id },
          { name: 'Reaction', entityId: hives.id },
        ]),
      }),
    );
  });
});
