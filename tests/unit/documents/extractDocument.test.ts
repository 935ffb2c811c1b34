import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src/engines/documents';
import { TranscriptSchema } from '../../../src/model/transcript';
import { makePdf } from './makePdf';

describe('extractDocument', () => {
  it('txt: labelled turns become segments with speakers and roles', async () => {
    const transcript = await extractDocument(
      Buffer.from('Doctor: Any chest pain?\nPatient: No chest pain.\nDoctor: Good.'),
      'txt',
    );
    expect(TranscriptSchema.parse(transcript)).toEqual(transcript);
    expect(transcript.engine).toBe('document-txt');
    expect(transcript.speakers).toEqual([
      { id: 'spk1', role: 'clinician' },
      { id: 'spk2', role: 'patient' },
    ]);
    expect(transcript.segments.map((s) => [s.id, s.speaker, s.role, s.text])).toEqual([
      ['s1', 'spk1', 'clinician', 'Any chest pain?'],
      ['s2', 'spk2', 'patient', 'No chest pain.'],
      ['s3', 'spk1', 'clinician', 'Good.'],
    ]);
  });

  it('vtt: cue times become segment times and the duration', async () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v Nurse Kim>Hello.\n\n00:02.000 --> 00:05.500\n<v Mr. Lee>Hi.\n';
    const transcript = await extractDocument(Buffer.from(vtt), 'vtt', { locale: 'en-GB' });
    expect(transcript).toMatchObject({ duration: 5.5, locale: 'en-GB', engine: 'document-vtt' });
    expect(transcript.segments.map((s) => [s.role, s.start, s.end])).toEqual([
      ['clinician', 0, 2],
      ['other', 2, 5.5],
    ]);
  });

  it('pdf: text across pages is read and parsed as txt', async () => {
    const pdf = makePdf([
      ['Doctor: What brings you in (today)?', 'Patient: Headache for two days.'],
      ['Doctor: Any nausea?'],
    ]);
    const transcript = await extractDocument(pdf, 'pdf');
    expect(transcript.engine).toBe('document-pdf');
    expect(transcript.segments.map((s) => s.text)).toEqual([
      'What brings you in (today)?',
      'Headache for two days.',
      'Any nausea?',
    ]);
  });

  it.each([
    ['txt', Buffer.from('   \n\n  ')],
    ['txt', Buffer.from([0x41, 0xc3, 0x28])],
    ['vtt', Buffer.from('WEBVTT\n\n')],
    ['pdf', Buffer.from('%PDF-1.4\ngarbage')],
    ['pdf', makePdf([[]])],
  ] as const)('%s: bad input fails with InvalidDocument', async (type, data) => {
    await expect(extractDocument(data, type)).rejects.toMatchObject({ code: 'InvalidDocument', retriable: false });
  });
});
