import { describe, expect, test } from 'vitest';

import { loadConfig } from '../../../src/config';
import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import { createNoteEngine } from '../../../src/engines/note';
import { writeLocalNote } from '../../../src/engines/note/local';
import { TEMPLATES } from '../../../src/engines/note/templates';
import { type Note, NOTE_TEMPLATES, NoteSchema } from '../../../src/model/note';
import { encounterFixture, encounterFixtures } from '../fhir/fixtures';
import { expectGrounded, expectNegatedNeverPresent } from './noteChecks';

const all = (note: Note) => note.sections.flatMap((s) => s.sentences);
const textOf = (note: Note) =>
  all(note)
    .map((s) => s.text)
    .join('\n');
const section = (note: Note, id: string) => note.sections.find((s) => s.id === id)!.sentences;
const cases = encounterFixtures().flatMap((f) => NOTE_TEMPLATES.map((t) => [f.id, t] as const));

describe('local note engine', () => {
  test.each(cases)(
    '%s / %s: schema-valid, every sentence grounded, deterministic, sections per template',
    (id, template) => {
      const { transcript, analysis } = encounterFixture(id);
      const note = writeLocalNote(transcript, analysis, template);
      expect(NoteSchema.parse(note)).toEqual(note);
      expect(note.sections.map((s) => s.id)).toEqual(TEMPLATES[template].sections.map((s) => s.id));
      expect(all(note).length).toBeGreaterThan(5);
      expectGrounded(note, transcript);
      expect(note.dropped).toBe(0);
      expect(JSON.stringify(writeLocalNote(transcript, analysis, template))).toBe(JSON.stringify(note));
      for (const s of all(note)) expect(s.text).toMatch(/^[A-Z].*\.$/);
    },
  );

  test.each(encounterFixtures().map((f) => f.id))('%s: a negated finding never appears as present', (id) => {
    const { transcript, analysis } = encounterFixture(id);
    for (const template of NOTE_TEMPLATES)
      expectNegatedNeverPresent(writeLocalNote(transcript, analysis, template), analysis);
  });

  test('medications match the analysis, with dose and frequency, and cite the segments that state them', () => {
    const { transcript, analysis } = encounterFixture('enc-diabetes-followup');
    const note = writeLocalNote(transcript, analysis, 'soap');
    const meds = section(note, 'subjective').find((s) => s.text.startsWith('Current medications'))!;
    expect(meds).toEqual({
      text: 'Current medications include metformin 500 mg twice a day and lisinopril 10 mg once a day.',
      evidence: ['s5', 's6'],
    });
    const plan = section(note, 'plan');
    expect(plan.find((s) => /metformin/.test(s.text))).toMatchObject({
      text: expect.stringMatching(/increase metformin to (one thousand|1000)/i) as string,
      evidence: ['s17'],
    });
    expect(plan.map((s) => s.text)).toContainEqual(expect.stringMatching(/repeat the A one C in 3 months/i));
    expect(textOf(note)).not.toMatch(/penicillin \d|medications include[^.]*penicillin/);
  });

  test('pertinent negatives are denials; questions nobody affirmed are not facts', () => {
    const { transcript, analysis } = encounterFixture('enc-diabetes-followup');
    const note = writeLocalNote(transcript, analysis, 'hp');
    expect(section(note, 'ros')).toEqual([
      { text: 'The patient denies chest pain and shortness of breath.', evidence: ['s8'] },
    ]);
    expect(textOf(note)).not.toMatch(/numbness|heart disease/);
  });

  test('family history is attributed to the relative, not to the patient', () => {
    const back = writeLocalNote(
      encounterFixture('enc-back-pain').transcript,
      encounterFixture('enc-back-pain').analysis,
      'hp',
    );
    expect(section(back, 'family-social')).toEqual([
      { text: "The patient's sister has rheumatoid arthritis.", evidence: ['s14'] },
    ]);
    expect(
      section(back, 'pmh')
        .map((s) => s.text)
        .join(' '),
    ).not.toMatch(/arthritis/);
    const dm = writeLocalNote(
      encounterFixture('enc-diabetes-followup').transcript,
      encounterFixture('enc-diabetes-followup').analysis,
      'hp',
    );
    expect(section(dm, 'family-social').map((s) => s.text)).toEqual([
      "The patient's father had heart attack.",
      "The patient's mother has diabetes mellitus.",
    ]);
  });

  test('assessment keeps the stated certainty and plan keeps conditions', () => {
    const { transcript, analysis } = encounterFixture('enc-cough-uri');
    const note = writeLocalNote(transcript, analysis, 'soap');
    expect(section(note, 'assessment')).toEqual([{ text: 'Pneumonia is suspected.', evidence: ['s16'] }]);
    const plan = section(note, 'plan').map((s) => s.text);
    expect(plan).toContain('I will order a chest x ray.');
    // The conditional prescription keeps its condition, in the clinician's words and in the structured sentence.
    for (const amoxicillin of plan.filter((t) => /amoxicillin/i.test(t)))
      expect(amoxicillin).toMatch(/^If |if indicated/);
    // The safety-net in the clinician's own words keeps its condition.
    expect(plan).toContainEqual(expect.stringMatching(/come back if .*chest pain or trouble breathing/));
    expect(section(note, 'objective').map((s) => s.text)).toContain('Temperature is 38.4 °C.');
  });

  test.each([
    ['Doctor: Appendicitis is unlikely.', 'Appendicitis is considered unlikely.'],
    ['Doctor: This could be pneumonia.', 'Pneumonia is suspected.'],
    ['Doctor: We need to rule out pneumonia.', 'Pneumonia is under consideration.'],
  ])('a hedged diagnosis keeps its direction: %s', async (line, expected) => {
    const transcript = {
      duration: 0,
      locale: 'en-US',
      engine: 'document-txt',
      speakers: [{ id: 'Doctor', role: 'clinician' as const }],
      segments: [
        { id: 's1', speaker: 'Doctor', role: 'clinician' as const, start: 0, end: 0, text: line.slice(8), words: [] },
      ],
    };
    const analysis = await createLocalHealthEngine().analyze(planChunks(transcript, 5_000));
    const note = writeLocalNote(transcript, analysis, 'soap');
    expect(section(note, 'assessment')).toEqual([{ text: expected, evidence: ['s1'] }]);
  });

  test('a known diagnosis the clinician asks about is not written as an impression under consideration', async () => {
    const turns = [
      [
        'Doctor',
        'and , so , lastly , for your high blood pressure , how are you doing with that ? did you get the cuff ?',
      ],
      ['Patient', 'yeah , i did , i check it every morning and it has been pretty good .'],
    ] as const;
    const transcript = {
      duration: 0,
      locale: 'en-US',
      engine: 'document-txt',
      speakers: [
        { id: 'Doctor', role: 'clinician' as const },
        { id: 'Patient', role: 'patient' as const },
      ],
      segments: turns.map(([who, text], i) => ({
        id: `s${i + 1}`,
        speaker: who,
        role: who === 'Doctor' ? ('clinician' as const) : ('patient' as const),
        start: 0,
        end: 0,
        text,
        words: [],
      })),
    };
    const analysis = await createLocalHealthEngine().analyze(planChunks(transcript, 5_000));
    const note = writeLocalNote(transcript, analysis, 'soap');
    expect(textOf(note)).not.toMatch(/(hypertension|blood pressure)[^.]*(under consideration|suspected|unlikely)/i);
  });

  test.each([
    [
      'a finding asked about and answered yes is not "unsure"',
      [
        ['Doctor', 'is your , is your right finger hurting ?'],
        ['Patient', 'yes .'],
      ],
      /unsure|possible/i,
    ],
    [
      'a drug the clinician only names is not written as planned',
      [
        ['Doctor', 'and what do you take for the constipation ?'],
        ['Patient', 'miralax . that is it .'],
        ['Doctor', 'okay . miralax is sufficient .'],
      ],
      /plan includes/i,
    ],
    [
      'risks explained before an operation are not findings',
      [
        [
          'Doctor',
          'there are some risks i have to tell you about . risk of anesthesia includes heart attack , stroke , and death .',
        ],
        ['Patient', 'okay , i understand .'],
      ],
      /consistent with|stroke is|death/i,
    ],
    [
      'what the visit states as planned is never "not indicated"',
      [
        ['Doctor', 'the only option we have is to do surgery .'],
        ['Doctor', "so i do n't want you to be alarmed , you may not see the eye doctor until after surgery ."],
      ],
      /surgery is not indicated/i,
    ],
    [
      "a relative's condition named by the parent is not the patient's",
      [
        ['Doctor', 'does anyone else in the family have any conditions ?'],
        ['Mother', 'no , i have a son also who is nine . he also has autism .'],
      ],
      /(history includes|presents for care of|reports)[^.]*autis/i,
    ],
    [
      'a toddler drinking fluids is no alcohol use, and "in the fall" is no fall',
      [
        ['Doctor', 'how is she eating and drinking ?'],
        ['Mother', 'i do feel like she is drinking a lot better now . her eyes were checked in the fall .'],
      ],
      /reports drinking|history includes fall/i,
    ],
    [
      'a generic denial is not written in a visit about a specific pain; "check up" as a verb is no annual physical',
      [
        ['Doctor', 'i see you are coming in for some right knee pain . i do want to check up on your blood pressure .'],
        ['Patient', 'i would not be able to keep track of a wrap so no pain .'],
      ],
      /denies pain|annual physical|consistent with[^.]*check/i,
    ],
    [
      'a discharge summary is no discharge, and a percentage is no blood pressure',
      [
        ['Doctor', "so i'll be written down in your discharge summary ."],
        ['Doctor', 'the echo shows preserved ejection fraction of 55 percent and normal diastolic filling .'],
      ],
      /vaginal discharge|discharge is|blood pressure is 55/i,
    ],
    [
      'a hedged self-diagnosis is no history; past insulin is no current medication; a wound is not renamed',
      [
        ['Patient', 'i had some chest pain but i thought it was just heartburn .'],
        ['Patient', 'i used to be on an insulin pump years ago .'],
        ['Doctor', 'the wound on your heel is about two by two centimeters on your foot exam .'],
      ],
      /history includes (gastro|heartburn)|medications include[^.]*insulin|laceration|exam is 2/i,
    ],
    [
      'being anxious about results is no anxiety disorder',
      [['Patient', "i'm doing well , i'm just anxious about the abnormal lab work my doctor told me about ."]],
      /anxiety/i,
    ],
    [
      'a finding answered "no" right after it is denied, never presented',
      [
        ['Doctor', 'okay how about any abdominal infections'],
        ['Patient', 'diarrhea no'],
      ],
      /presents with diarrhea|reports diarrhea/i,
    ],
    ['a date is not a result value', [['Doctor', 'i personally reviewed the mri of the brain from 3/4 .']], /is 3\/4/],
  ] as const)('%s', async (_name, turns, wrong) => {
    const transcript = {
      duration: 0,
      locale: 'en-US',
      engine: 'document-txt',
      speakers: [
        { id: 'Doctor', role: 'clinician' as const },
        { id: 'Patient', role: 'patient' as const },
      ],
      segments: turns.map(([who, text], i) => ({
        id: `s${i + 1}`,
        speaker: who,
        role: who === 'Doctor' ? ('clinician' as const) : who === 'Patient' ? ('patient' as const) : ('other' as const),
        start: 0,
        end: 0,
        text,
        words: [],
      })),
    };
    const analysis = await createLocalHealthEngine().analyze(planChunks(transcript, 5_000));
    expect(textOf(writeLocalNote(transcript, analysis, 'soap'))).not.toMatch(wrong);
  });

  test('createNoteEngine picks the local engine when nothing else is configured', async () => {
    const { transcript, analysis } = encounterFixture('enc-back-pain');
    const engine = createNoteEngine(loadConfig({}));
    expect(engine.name).toBe('local');
    const note = await engine.write(transcript, analysis, { template: 'progress' });
    expect(note.template).toBe('progress');
  });
});
