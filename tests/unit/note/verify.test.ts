import { describe, expect, test } from 'vitest';

import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import { writeLocalNote } from '../../../src/engines/note/local';
import { verifyNote } from '../../../src/engines/note/verify';
import type { HealthAnalysis } from '../../../src/model/health';
import { countFlags, type Note, NoteSchema } from '../../../src/model/note';
import type { Transcript } from '../../../src/model/transcript';
import { encounterFixture } from '../fhir/fixtures';

const TURNS: Array<['clinician' | 'patient', string]> = [
  ['clinician', 'What brings you in today?'],
  ['patient', 'I have had chest pain for two weeks. My mother has diabetes.'],
  ['patient', 'I do not have a fever.'],
  ['clinician', 'Your blood pressure is 120 over 80. Your lungs are clear with no wheezing.'],
  ['clinician', 'I will start lisinopril 10 mg daily.'],
  ['clinician', 'This could be pneumonia.'],
  ['patient', 'I had knee surgery two years ago.'],
  ['patient', 'I love peanut butter cups.'],
  ['patient', 'Penicillin gives me hives.'],
  ['clinician', 'blood pressure is one twenty two over seventy and a two over six systolic ejection murmur .'],
];
const transcript: Transcript = {
  duration: 0,
  locale: 'en-US',
  engine: 'document-txt',
  speakers: [
    { id: 'A', role: 'clinician' },
    { id: 'B', role: 'patient' },
  ],
  segments: TURNS.map(([role, text], i) => ({
    id: `s${i + 1}`,
    speaker: role === 'clinician' ? 'A' : 'B',
    role,
    start: i,
    end: i + 1,
    text,
    words: [],
  })),
};
let analysis: HealthAnalysis;
const analysed = createLocalHealthEngine()
  .analyze(planChunks(transcript, 5_000))
  .then((a) => (analysis = a));

const flagsOf = async (text: string, evidence: string[], section = 'subjective') => {
  await analysed;
  const note: Note = {
    template: 'soap',
    engine: 'test',
    dropped: 0,
    sections: [{ id: section, title: section, sentences: [{ text, evidence }] }],
  };
  return (verifyNote(note, transcript, analysis).sections[0]!.sentences[0]!.flags ?? []).map((f) => f.code);
};

describe('verifyNote: the faithfulness check', () => {
  test.each([
    ['The patient reports chest pain for two weeks.', ['s2']],
    ['The patient denies fever.', ['s3']],
    ["The patient's mother has diabetes.", ['s2']],
    ['Blood pressure is 120/80 mmHg.', ['s4'], 'objective'],
    ['Start lisinopril 10 mg daily.', ['s5'], 'plan'],
    ['Pneumonia is suspected.', ['s6'], 'assessment'],
    ['He had knee surgery two years ago.', ['s7']],
    ['The patient reports an allergy to penicillin.', ['s9']],
    ['Blood pressure is 122/70 mmHg with a 2/6 murmur.', ['s10'], 'objective'],
  ])('a faithful sentence passes: %s', async (text, evidence, section?: string) => {
    expect(await flagsOf(text, evidence, section)).toEqual([]);
  });

  test.each([
    ['negation flip', 'The patient reports fever.', ['s3'], 'subjective', 'negation-flip'],
    ['negation flip, the other way', 'The patient denies chest pain.', ['s2'], 'subjective', 'negation-flip'],
    ['wrong number', 'Blood pressure is 150/80 mmHg.', ['s4'], 'objective', 'number-mismatch'],
    ['right numbers, wrong pair', 'Blood pressure is 80/120 mmHg.', ['s4'], 'objective', 'number-mismatch'],
    ['wrong duration', 'The patient reports chest pain for three weeks.', ['s2'], 'subjective', 'number-mismatch'],
    ['wrong dose', 'Start lisinopril 20 mg daily.', ['s5'], 'plan', 'number-mismatch'],
    ['wrong speaker (patient claim)', 'The patient denies wheezing.', ['s4'], 'subjective', 'wrong-speaker'],
    ['wrong speaker (exam finding)', 'Examination shows chest pain.', ['s2'], 'objective', 'wrong-speaker'],
    ['wrong subject', 'The patient has diabetes.', ['s2'], 'subjective', 'wrong-subject'],
    ['unsupported entity', 'The patient reports nausea.', ['s2'], 'subjective', 'unsupported-entity'],
    ['a blood pressure misread from speech', 'Blood pressure is 22/70 mmHg.', ['s10'], 'objective', 'number-mismatch'],
    [
      'a murmur grade read as a blood pressure',
      'Systolic blood pressure is 2/6 mmHg.',
      ['s10'],
      'objective',
      'number-mismatch',
    ],
    [
      'an allergy nobody spoke of',
      'The patient reports an allergy to peanut.',
      ['s8'],
      'subjective',
      'unsupported-entity',
    ],
    [
      'doubted diagnosis stated as present',
      'Findings are consistent with pneumonia.',
      ['s6'],
      'assessment',
      'certainty-mismatch',
    ],
    ['a past operation written as planned', 'The plan includes knee surgery.', ['s7'], 'plan', 'wrong-time'],
  ])('flags a seeded error: %s', async (_name, text, evidence, section, code) => {
    expect(await flagsOf(text, evidence, section)).toContain(code);
  });

  test('flags are recorded on the sentence, counted, schema-valid, and nothing is dropped', async () => {
    await analysed;
    const note: Note = {
      template: 'soap',
      engine: 'test',
      dropped: 0,
      sections: [
        {
          id: 'subjective',
          title: 'Subjective',
          sentences: [
            { text: 'The patient reports fever.', evidence: ['s3'] },
            {
              text: 'The patient reports chest pain for two weeks.',
              evidence: ['s2'],
              flags: [{ code: 'wrong-time', detail: 'stale' }],
            },
          ],
        },
      ],
    };
    const checked = NoteSchema.parse(verifyNote(note, transcript, analysis));
    expect(checked.sections[0]!.sentences).toHaveLength(2);
    expect(checked.sections[0]!.sentences[0]!.flags?.[0]).toEqual({
      code: 'negation-flip',
      detail: expect.stringContaining('fever') as string,
    });
    expect(checked.sections[0]!.sentences[1]!.flags).toBeUndefined();
    expect(countFlags(checked)).toEqual({ sentences: 2, flaggedSentences: 1, flags: 1 });
  });

  test.each(['enc-back-pain', 'enc-cough-uri', 'enc-diabetes-followup'])(
    '%s: the offline note passes its own check',
    (id) => {
      const f = encounterFixture(id);
      const checked = verifyNote(writeLocalNote(f.transcript, f.analysis, 'hp'), f.transcript, f.analysis);
      const flagged = checked.sections.flatMap((s) => s.sentences).filter((s) => s.flags);
      expect(flagged.map((s) => [s.text, s.flags])).toEqual([]);
    },
  );
});
