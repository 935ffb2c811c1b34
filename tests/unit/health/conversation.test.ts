import { describe, expect, it } from 'vitest';

import type { Assertion, Entity, HealthAnalysis } from '../../../src/model/health';
import type { Turn } from './analyzeTurns';
import { analyzeTurns } from './analyzeTurns';

const entity = (a: HealthAnalysis, text: string): Entity | undefined =>
  a.entities.find((e) => e.text.toLowerCase() === text.toLowerCase());

/** Every case here is a misreading seen on real visits (issue 11), paraphrased. */
describe('assertions read the conversation', () => {
  it.each<[string, Turn[], string, Assertion]>([
    [
      'a clinician doubting a diagnosis',
      [['clinician', "I don't think you have covid."]],
      'covid',
      { certainty: 'negativePossible' },
    ],
    ['tokenized doubt', [['clinician', "i do n't think you have covid ."]], 'covid', { certainty: 'negativePossible' }],
    ['a clinician stating an absence', [['clinician', "you don't have a fever"]], 'fever', { certainty: 'negative' }],
    ['tokenized negation', [['clinician', "you do n't have a fever ."]], 'fever', { certainty: 'negative' }],
    [
      '"nope" to an unpunctuated question',
      [
        ['clinician', 'okay any belly pain'],
        ['patient', 'nope'],
      ],
      'belly pain',
      { certainty: 'negative' },
    ],
    [
      '"no" to a punctuated question',
      [
        ['clinician', 'Any chest pain?'],
        ['patient', 'No.'],
      ],
      'chest pain',
      { certainty: 'negative' },
    ],
    [
      '"yes" to a question',
      [
        ['clinician', 'do you get headaches'],
        ['patient', 'yeah, most mornings'],
      ],
      'headaches',
      {},
    ],
    [
      '"no" to a question with a list',
      [
        ['clinician', 'any nausea or vomiting or diarrhea ?'],
        ['patient', 'no .'],
      ],
      'diarrhea',
      { certainty: 'negative' },
    ],
    [
      'an unanswered question',
      [
        ['clinician', 'any trouble sleeping'],
        ['patient', 'well my back hurts'],
      ],
      'trouble sleeping',
      { certainty: 'neutralPossible' },
    ],
    [
      'a recap of the history',
      [['clinician', "so you've endorsed some shortness of breath"]],
      'shortness of breath',
      {},
    ],
    [
      'dictated negative exam',
      [['clinician', 'on exam there is no edema of the legs']],
      'edema',
      { certainty: 'negative' },
    ],
    [
      'the patient’s own illness beside a relative’s',
      [['clinician', 'your brother had a similar thing but you have gastroenteritis']],
      'gastroenteritis',
      {},
    ],
    [
      'the patient’s own illness, then a relative’s',
      [['clinician', 'you have gastroenteritis and your brother had a similar thing']],
      'gastroenteritis',
      {},
    ],
    [
      'a relative named at the start of a list',
      [['patient', 'my mom has hypertension , diabetes and depression']],
      'depression',
      { association: 'other' },
    ],
    [
      'family history, the list',
      [['clinician', 'family history of hypertension, diabetes, and depression']],
      'diabetes',
      { association: 'other' },
    ],
    ['the patient after a relative', [['patient', 'my dad had a stroke and i have asthma']], 'asthma', {}],
    [
      'safety-netting',
      [['clinician', 'if you get chest pain , come back right away']],
      'chest pain',
      { conditionality: 'hypothetical' },
    ],
    [
      'unpunctuated safety-netting',
      [['clinician', 'if you get any chest pain come back and see us']],
      'chest pain',
      { conditionality: 'hypothetical' },
    ],
    [
      'safety-netting after "call"',
      [['clinician', 'call us if the fever comes back']],
      'fever',
      { conditionality: 'hypothetical' },
    ],
    [
      'rule out',
      [['clinician', "we'll get a lumbar puncture to rule out meningitis"]],
      'meningitis',
      { certainty: 'neutralPossible' },
    ],
    [
      'generic risk',
      [['clinician', 'high blood pressure can cause a stroke']],
      'stroke',
      { conditionality: 'hypothetical' },
    ],
  ])('%s', async (_name, turns, text, expected) => {
    const found = entity(await analyzeTurns(...turns), text);
    expect(found, `no entity "${text}"`).toBeDefined();
    const { certainty, conditionality, association } = found!.assertion;
    const got: Assertion = {
      ...(certainty ? { certainty } : {}),
      ...(conditionality ? { conditionality } : {}),
      ...(association ? { association } : {}),
    };
    expect(got).toEqual(expected);
  });
});

describe('entities carry the act of their clause', () => {
  it.each<[Turn[], string, string]>([
    [[['clinician', "so you've endorsed some shortness of breath"]], 'shortness of breath', 'history-recap'],
    [[['clinician', 'on exam there is no edema of the legs']], 'edema', 'exam-dictation'],
    [
      [
        ['clinician', 'any chest pain'],
        ['patient', 'no chest pain'],
      ],
      'chest pain',
      'question',
    ],
    [[['patient', 'i have a cough']], 'cough', 'statement'],
  ])('%j → %s is %s', async (turns, text, act) => {
    const a = await analyzeTurns(...turns);
    expect(a.entities.find((e) => e.text === text)?.dialogueAct).toBe(act);
  });
});
