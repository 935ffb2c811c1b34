import { describe, expect, test } from 'vitest';

import { cleanSentence, detokenize, splitUtterance } from '../../../src/engines/facts/cleanUtterance';
import { digitize } from '../../../src/engines/facts/digitize';
import { readNarrative } from '../../../src/engines/facts/readNarrative';
import { pronounsFor, toThirdPerson } from '../../../src/engines/facts/thirdPerson';
import { withTrustedRoles } from '../../../src/engines/facts/trustedRoles';
import type { Transcript } from '../../../src/model/transcript';

const he = pronounsFor('male');
const she = pronounsFor('female');

describe('cleaning spoken sentences', () => {
  test.each([
    ["i have n't had any fever , um , since monday .", "i haven't had any fever, um, since monday."],
    ['we are gon na order an x-ray', 'we are going to order an x-ray'],
  ])('detokenize %s', (raw, clean) => expect(detokenize(raw)).toBe(clean));

  test.each([
    ['um, so, i, i have pain in my right knee.', 'i have pain in my right knee.'],
    ['okay, right knee is swollen.', 'right knee is swollen.'],
    ['right, so the pain is sharp.', 'the pain is sharp.'],
    ['it hurts on the, on the left side.', 'it hurts on the left side.'],
    ['i do not have, uh, chest pain.', 'i do not have, chest pain.'],
    ['it is kind of achy, like 4 miles.', 'it is kind of achy, like 4 miles.'],
    ['yeah.', undefined],
    ['i-i think i need a, s- s- systolic murmur.', 'i think i need a, systolic murmur.'],
    ["i'll let you know what i find.", "i'll let you know what i find."],
  ])('clean %s', (raw, clean) => expect(cleanSentence(raw)).toBe(clean));

  test('splits a turn into sentences', () => {
    expect(splitUtterance('i feel tired . my knee hurts ? yes')).toEqual(['i feel tired.', 'my knee hurts?', 'yes']);
  });
});

describe('third person', () => {
  test.each([
    ['patient', "i've been taking my metformin.", he, 'He has been taking his metformin.'],
    ['patient', "i don't smoke.", she, "She doesn't smoke."],
    ['patient', 'i try to walk every day.', she, 'She tries to walk every day.'],
    ['patient', 'i regularly go for a run.', he, 'He regularly goes for a run.'],
    ['patient', 'my wife thinks i snore.', he, 'His wife thinks he snores.'],
    ['patient', 'i had surgery on my knee.', pronounsFor(undefined), "The patient had surgery on the patient's knee."],
    ['clinician', "you've had chest pain for two weeks.", he, 'He has had chest pain for two weeks.'],
    ['clinician', 'i want you to take your lisinopril.', she, 'I want her to take her lisinopril.'],
    ['clinician', "i'm going to order an x-ray.", she, "I'm going to order an x-ray."],
    ['clinician', 'on your back exam, you do have some pain.', he, 'On his back exam, he does have some pain.'],
  ] as const)('%s: %s', (speaker, sentence, pronouns, expected) => {
    expect(toThirdPerson(sentence, speaker, pronouns)).toBe(expected);
  });
});

describe('digitize', () => {
  test.each([
    ['it was one hundred and eighty this morning', 'it was 180 this morning'],
    ['take ten milligrams a day', 'take 10 mg a day'],
    ['blood pressure is one twenty over eighty', 'blood pressure is 120/80'],
    ['a three out of six murmur', 'a 3/6 murmur'],
    ['for two weeks', 'for 2 weeks'],
    ['the one on the left', 'the one on the left'],
    ['oxygen is ninety seven percent', 'oxygen is 97%'],
  ])('%s', (spoken, written) => expect(digitize(spoken)).toBe(written));
});

const transcript = (turns: Array<['clinician' | 'patient', string]>): Transcript => ({
  duration: 0,
  locale: 'en-US',
  engine: 'document-txt',
  speakers: [
    { id: 'A', role: 'clinician' },
    { id: 'B', role: 'patient' },
  ],
  segments: turns.map(([role, text], i) => ({
    id: `s${i + 1}`,
    speaker: role === 'clinician' ? 'A' : 'B',
    role,
    start: 0,
    end: 0,
    text,
    words: [],
  })),
});

describe('readNarrative: the visit sentences a note is written from', () => {
  const visit = transcript([
    ['clinician', 'hi there . so mark is a 45 year old male who presents with knee pain .'],
    ['clinician', 'do you have any fever ?'],
    ['patient', 'no .'],
    ['clinician', 'any chest pain'],
    ['patient', 'um , my knee has been swelling up for about two weeks , mostly after i run .'],
    ['clinician', 'hey dragon , show me the x-ray .'],
    ['clinician', 'on exam , there is mild swelling of the right knee with no redness .'],
    ['clinician', 'your x-ray shows no fracture .'],
    ['clinician', "i'm going to refer you to physical therapy . if the swelling gets worse , come back ."],
    ['patient', 'thank you so much .'],
  ]);
  const facts = readNarrative(visit);
  const by = (kind: string) => facts.filter((f) => f.kind === kind).map((f) => [f.text, f.evidence]);

  test('questions, bare answers, small talk and assistant commands produce nothing', () => {
    const cited = new Set(facts.flatMap((f) => f.evidence));
    for (const id of ['s2', 's3', 's4', 's6', 's10']) expect(cited.has(id), id).toBe(false);
  });

  test('dictated summary, history, exam, results and plan go to their sections in the third person', () => {
    expect(by('complaint')).toEqual([['Knee pain.', ['s1']]]);
    expect(by('intro')).toEqual([['Mark is a 45 year old male who presents with knee pain.', ['s1']]]);
    expect(by('hpi')).toEqual([['His knee has been swelling up for about 2 weeks, mostly after he runs.', ['s5']]]);
    expect(by('exam')).toEqual([['On exam, there is mild swelling of the right knee with no redness.', ['s7']]]);
    expect(by('results')).toEqual([['His x-ray shows no fracture.', ['s8']]]);
    expect(by('plan').map(([t]) => t)).toEqual([
      "I'm going to refer him to physical therapy.",
      'If the swelling gets worse, come back.',
    ]);
  });

  test("when only a parent speaks for the patient, the clinician's 'you' is the parent, not the patient", () => {
    const child = transcript([
      ['clinician', 'she has mild hypotonia of the lower extremities on exam .'],
      ['clinician', "let's complete the ultrasound today . i'll call you with the results ."],
    ]);
    child.segments[1]!.role = 'clinician';
    const texts = readNarrative({ ...child, segments: child.segments }).map((f) => f.text);
    expect(texts).toContain("I'll call you with the results.");
    expect(texts.join(' ')).not.toMatch(/call (her|him|the patient) with/);
  });

  test('deterministic', () => {
    expect(JSON.stringify(readNarrative(visit))).toBe(JSON.stringify(facts));
  });
});

describe('withTrustedRoles', () => {
  test('swaps labels that are plainly the wrong way round, and only those', () => {
    const swapped = transcript([
      ['patient', 'how about any infections ? what about your family ? do you have other conditions ?'],
      ['clinician', 'no , not that i can think of .'],
      ['patient', 'any other medical problems ? how about surgeries ?'],
      ['clinician', 'no .'],
      ['patient', 'is anyone in your family sick ?'],
      ['clinician', 'no , they are healthy .'],
      ['patient', 'let me go ahead and do a physical examination here .'],
      ['clinician', "i'm doing well , just anxious about my lab work ."],
      ['patient', 'i reviewed your vitals and everything looks good .'],
      ['clinician', 'okay .'],
      ['patient', "i'm going to order a repeat blood test and i want you to watch for infections ."],
    ]);
    const swap = { clinician: 'patient', patient: 'clinician', other: 'other' } as const;
    expect(withTrustedRoles(swapped).segments.map((s) => s.role)).toEqual(swapped.segments.map((s) => swap[s.role]));
    const right = transcript([
      ['clinician', 'let me go ahead and do a physical examination here .'],
      ['patient', 'i want you to know that i feel better .'],
    ]);
    expect(withTrustedRoles(right)).toBe(right);
  });
});
