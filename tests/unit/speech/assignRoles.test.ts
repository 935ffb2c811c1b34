import { describe, expect, it } from 'vitest';

import { assignRoles, turnFeatures } from '../../../src/engines/speech/assignRoles';
import { toTranscript } from '../../../src/engines/speech/toTranscript';
import type { Segment } from '../../../src/model/transcript';

const seg = (speaker: string | number, text: string, start: number) => ({
  speaker,
  start,
  end: start + 1,
  text,
  words: text.split(' ').map((w, i) => ({ w, start: start + i * 0.1, end: start + i * 0.1 + 0.1, conf: 0.9 })),
});

// Unpunctuated, lower-case text as an offline recognizer gives it.
const DIALOGUE = [
  seg(3, 'good morning what brings you in today', 0),
  seg(1, 'i have had a cough for five days and my throat hurts', 2),
  seg(3, 'any fever or shortness of breath', 4),
  seg(1, 'a little fever at night', 6),
  seg(3, 'your lungs are clear on exam this looks like a viral infection', 8),
  seg(3, 'take ibuprofen and come back if it gets worse', 10),
  seg(1, 'thank you', 12),
];

describe('assignRoles', () => {
  it('labels the questioning, directing speaker clinician and the other patient', () => {
    const t = toTranscript(DIALOGUE, { duration: 13, locale: 'en-US', engine: 'test' });
    expect(t.speakers.map((s) => [s.id, s.role])).toEqual([
      ['spk0', 'clinician'],
      ['spk1', 'patient'],
    ]);
    expect(t.segments.map((s) => s.role)).toEqual([
      'clinician',
      'patient',
      'clinician',
      'patient',
      'clinician',
      'clinician',
      'patient',
    ]);
    expect(t.speakers[0]!.roleConfidence).toBeGreaterThan(0.8);
  });

  it('does not depend on who speaks first', () => {
    const t = toTranscript(DIALOGUE.slice(1), { duration: 13, locale: 'en-US', engine: 'test' });
    expect(t.speakers.map((s) => [s.id, s.role])).toEqual([
      ['spk0', 'patient'],
      ['spk1', 'clinician'],
    ]);
  });

  it('a third, quiet speaker is other', () => {
    const t = toTranscript([...DIALOGUE, seg(7, 'i am his wife', 14)], {
      duration: 15,
      locale: 'en-US',
      engine: 'test',
    });
    expect(t.speakers.find((s) => s.id === 'spk2')?.role).toBe('other');
  });

  it('works on punctuated text from a cloud engine', () => {
    const t = assignRoles({
      duration: 4,
      locale: 'en-US',
      engine: 'azure-fast',
      speakers: [],
      segments: [
        { id: 's1', speaker: 'spk0', role: 'other', start: 0, end: 1, text: 'My knee is swollen.', words: [] },
        {
          id: 's2',
          speaker: 'spk1',
          role: 'other',
          start: 1,
          end: 2,
          text: 'Since when? Does it hurt to walk?',
          words: [],
        },
        { id: 's3', speaker: 'spk0', role: 'other', start: 2, end: 3, text: 'Since Monday, yes.', words: [] },
        { id: 's4', speaker: 'spk1', role: 'other', start: 3, end: 4, text: "Let's get an X-ray.", words: [] },
      ] satisfies Segment[],
    });
    expect(t.speakers.map((s) => s.role)).toEqual(['patient', 'clinician']);
  });

  it('a lone speaker dictating is clinician, a lone chatty speaker is other', () => {
    const dictation = toTranscript(
      [seg(0, 'on exam the lungs are clear start amoxicillin and follow up in two weeks', 0)],
      { duration: 2, locale: 'en-US', engine: 't' },
    );
    expect(dictation.speakers[0]!.role).toBe('clinician');
    const chat = toTranscript([seg(0, 'i feel fine thank you', 0)], { duration: 2, locale: 'en-US', engine: 't' });
    expect(chat.speakers[0]!.role).toBe('other');
  });

  it('counts turn features', () => {
    expect(
      turnFeatures([
        {
          id: 's1',
          speaker: 'a',
          role: 'other',
          start: 0,
          end: 1,
          text: 'Do you take any medications? Start metformin.',
          words: [],
        },
      ]),
    ).toEqual({
      segments: 1,
      words: 7,
      questions: 1,
      directives: 1,
      clinical: 1,
      patientCues: 0,
    });
  });
});

describe('toTranscript', () => {
  it('sorts by time, numbers segments and keeps Azure speaker 0 apart from 1', () => {
    const t = toTranscript([seg(1, 'second', 5), seg(0, 'first', 1), seg(0, 'third', 9)], {
      duration: 10,
      locale: 'en-US',
      engine: 'x',
    });
    expect(t.segments.map((s) => [s.id, s.speaker, s.text])).toEqual([
      ['s1', 'spk0', 'first'],
      ['s2', 'spk1', 'second'],
      ['s3', 'spk0', 'third'],
    ]);
  });
});
