import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { assertContext } from '../../../src/engines/health/assertContext';
import { scoreNegation } from '../../../src/engines/health/score';
import type { Assertion } from '../../../src/model/health';

describe('assertContext (ConText rules)', () => {
  it.each<[string, string, Assertion]>([
    ['Patient denies chest pain.', 'chest pain', { certainty: 'negative' }],
    ['No fever, chills, or night sweats.', 'night sweats', { certainty: 'negative' }],
    ['Denies fever but has a cough.', 'cough', {}],
    ['Gram negative rods in the culture.', 'culture', {}],
    ['No change in the chest pain.', 'chest pain', {}],
    ['Pneumonia was ruled out.', 'pneumonia', { certainty: 'negative' }],
    ['This could be pneumonia.', 'pneumonia', { certainty: 'positivePossible' }],
    ['Appendicitis is unlikely.', 'appendicitis', { certainty: 'negativePossible' }],
    ['Do you have chest pain?', 'chest pain', { certainty: 'neutralPossible' }],
    ['If you develop a fever, call us.', 'fever', { conditionality: 'hypothetical' }],
    [
      'If the x ray shows pneumonia, I will prescribe amoxicillin.',
      'amoxicillin',
      { conditionality: 'conditional', temporal: 'future' },
    ],
    ['I get short of breath when I climb stairs.', 'short of breath', { conditionality: 'conditional' }],
    ['My father had a heart attack when he was sixty.', 'heart attack', { association: 'other', temporal: 'past' }],
    ['Does anyone in your family have diabetes?', 'diabetes', { association: 'other', certainty: 'neutralPossible' }],
    ['My mother has diabetes and I have asthma.', 'asthma', {}],
    ['I had asthma as a child.', 'asthma', { temporal: 'past' }],
    ['I have had a cough for five days.', 'cough', {}],
    ['We will repeat the A1c in three months.', 'A1c', { temporal: 'future' }],
    ['No, I have a rash.', 'rash', {}],
    ['I have a rash.', 'headache', {}],
    // Issue 11: found on real visits.
    ["I didn't take any ibuprofen.", 'ibuprofen', { certainty: 'negative' }],
    ["She doesn't get migraines.", 'migraines', { certainty: 'negative' }],
    ["i do n't feel dizzy", 'dizzy', { certainty: 'negative' }],
    ['No. My knee is swollen.', 'swollen', {}],
    ['Without medication the pain is an eight out of ten.', 'pain', {}],
    ['We will rule out a fracture with an x ray.', 'fracture', { certainty: 'neutralPossible', temporal: 'future' }],
    ['i think you have a lumbar strain', 'lumbar strain', { certainty: 'positivePossible' }],
    ['it felt like i was having a heart attack', 'heart attack', { conditionality: 'hypothetical' }],
    ['risks include infection , bleeding , seizure and stroke', 'stroke', { conditionality: 'hypothetical' }],
    ["i just want to make sure you're not having any chest pain", 'chest pain', { certainty: 'negative' }],
    ["i ca n't recall a fever", 'fever', { certainty: 'negative' }],
    // Temporality as ConText defines it: historical is more than two weeks back.
    ['i was treated for depression years back', 'depression', { temporal: 'past' }],
    ['she was diagnosed with breast cancer back in 2015', 'breast cancer', { temporal: 'past' }],
    ['my back pain started two days ago', 'back pain', {}],
    ['my kidney stones resolved after a few weeks', 'kidney stones', { temporal: 'past' }],
    // Unpunctuated speech-recognizer output: questions are recognised by how they open.
    ['any weakness in your legs or problems with your bladder', 'weakness', { certainty: 'neutralPossible' }],
    ['does the pain go down your legs', 'pain', { certainty: 'neutralPossible' }],
    ['has anyone in your family had arthritis', 'arthritis', { association: 'other', certainty: 'neutralPossible' }],
    ['what have you tried for the pain', 'pain', { certainty: 'neutralPossible' }],
    ['my sister has arthritis', 'arthritis', { association: 'other' }],
    ['do not take ibuprofen', 'ibuprofen', {}],
  ])('%s [%s]', (text, term, expected) => {
    expect(assertContext(text, term)).toEqual(expected);
  });

  it('meets the negation targets on the clinical sentence set (specificity ≥ 95 %, PPV ≥ 90 %)', () => {
    const path = join(__dirname, '../../fixtures/negation/sentences.jsonl');
    const items = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; term: string; certainty?: string });
    expect(items.length).toBeGreaterThanOrEqual(200);
    expect(items.filter((i) => i.certainty === 'negative').length).toBeGreaterThanOrEqual(60);
    const score = scoreNegation(
      items.map((i) => ({ gold: i.certainty, predicted: assertContext(i.text, i.term).certainty })),
    );
    expect(score.specificity).toBeGreaterThanOrEqual(0.95);
    expect(score.ppv).toBeGreaterThanOrEqual(0.9);
  });
});
