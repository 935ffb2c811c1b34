import { describe, expect, it } from 'vitest';

import { answerPolarity, readDialogue, splitClauses } from '../../../../src/engines/health/local/dialogue';
import type { DialogueAct, DialogueClause } from '../../../../src/model/dialogue';
import { DialogueClauseSchema } from '../../../../src/model/dialogue';
import type { Transcript } from '../../../../src/model/transcript';

/** A transcript from `[role, text]` turns (speaker id = role). */
export function turns(...list: ['clinician' | 'patient' | 'other', string][]): Transcript {
  return {
    duration: 0,
    locale: 'en-US',
    engine: 'document-txt',
    speakers: [],
    segments: list.map(([role, text], i) => ({
      id: `s${i + 1}`,
      speaker: role,
      role,
      start: 0,
      end: 0,
      text,
      words: [],
    })),
  };
}
const texts = (text: string): string[] => splitClauses(text).map((s) => text.slice(s.offset, s.offset + s.length));

describe('splitClauses', () => {
  it.each<[string, string[]]>([
    ['No fever. Some cough?', ['No fever.', 'Some cough?']],
    ['okay any chest pain', ['okay any chest pain']],
    ['no chills okay do you have any chest pain', ['no chills', 'okay do you have any chest pain']],
    ['i have a cough but no fever', ['i have a cough', 'but no fever']],
    ['my mom has hypertension, diabetes and depression', ['my mom has hypertension, diabetes and depression']],
    ['my brother had the flu and i have a rash', ['my brother had the flu', 'and i have a rash']],
    ['what do you take for it', ['what do you take for it']],
    ['the temperature was 37.5 today', ['the temperature was 37.5 today']],
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });
});

describe('answerPolarity', () => {
  it.each<[string, 'yes' | 'no' | 'other']>([
    ['nope', 'no'],
    ['no .', 'no'],
    ["i do n't", 'no'],
    ['not really', 'no'],
    ['uh , no , not that i know of', 'no'],
    ['yeah', 'yes'],
    ['mm-hmm', 'yes'],
    ['yes , every morning', 'yes'],
    ['i have , a little', 'yes'],
    ['a little , in the mornings', 'other'],
    ['no wheezing but some cough', 'other'],
    ['no , not at all', 'no'],
    ['i have not', 'no'],
    ['just when i walk fast', 'other'],
  ])('%j → %s', (text, polarity) => {
    expect(answerPolarity(text)).toBe(polarity);
  });
});

describe('readDialogue', () => {
  const actOf = (clauses: DialogueClause[], id: string): DialogueAct | undefined =>
    clauses.find((c) => c.id === id)?.act;

  it('links an answer to the question it answers, with its polarity', () => {
    const clauses = readDialogue(turns(['clinician', 'okay any belly pain'], ['patient', 'nope']));
    expect(clauses.map((c) => DialogueClauseSchema.parse(c))).toHaveLength(2);
    const answer = clauses.find((c) => c.segmentId === 's2')!;
    expect(answer).toMatchObject({ act: 'answer', polarity: 'no', answersClauseId: 's1.c1', role: 'patient' });
    expect(clauses.find((c) => c.id === 's1.c1')).toMatchObject({ act: 'question', offset: 0, length: 19 });
  });

  it('answers only the first clause of the turn; the rest are statements', () => {
    const clauses = readDialogue(turns(['clinician', 'Any fever?'], ['patient', 'No. But I have a cough.']));
    expect(clauses.map((c) => [c.act, c.polarity])).toEqual([
      ['question', undefined],
      ['answer', 'no'],
      ['statement', undefined],
    ]);
  });

  it.each<[string, DialogueAct]>([
    ["so you've endorsed some shortness of breath and fatigue", 'history-recap'],
    ['she is a 58 year old female with a past medical history of asthma', 'history-recap'],
    ['on exam your lungs are clear', 'exam-dictation'],
    ['no edema in the lower extremities', 'exam-dictation'],
    ['on your heart exam i do appreciate a murmur', 'exam-dictation'],
    ['your chest x-ray showed no pneumonia', 'result-report'],
    ['if you get chest pain come back right away', 'safety-net'],
    ['call us if the swelling gets worse', 'safety-net'],
    ["i'm going to order a chest x-ray", 'plan'],
    ['i want you to start metformin', 'plan'],
    ['high blood pressure can cause strokes', 'explanation'],
    ['a lot of people get headaches from this', 'explanation'],
    ['nice to meet you', 'small-talk'],
    ['how are you doing with the inhaler', 'question'],
  ])('clinician %j → %s', (text, act) => {
    expect(actOf(readDialogue(turns(['clinician', text])), 's1.c1')).toBe(act);
  });

  it('keeps a patient statement a statement even when it sounds like a plan', () => {
    expect(actOf(readDialogue(turns(['patient', "i'm going to start walking more"])), 's1.c1')).toBe('statement');
  });

  it('does not treat the next turn as an answer when no question was asked', () => {
    const clauses = readDialogue(turns(['clinician', 'your knee looks swollen'], ['patient', 'yes it hurts']));
    expect(clauses[1]!.act).toBe('statement');
    expect(clauses[1]!.answersClauseId).toBeUndefined();
  });
});
