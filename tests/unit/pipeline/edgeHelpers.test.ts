import { describe, expect, it } from 'vitest';

import { checkEditedNote } from '../../../src/functions/lib/checkEditedNote';
import { encounterId } from '../../../src/functions/lib/encounterId';
import { optionsFromMetadata, parseOptions } from '../../../src/functions/lib/parseOptions';
import { staticFile } from '../../../src/functions/lib/staticFile';
import { isEncounterId } from '../../../src/store/artifacts';

describe('encounterId', () => {
  it('is enc- + 32 hex digits of sha256(container/name/etag), stable per blob version', () => {
    const id = encounterId('uploads', 'a.wav', '"0x8D1"');
    expect(id).toMatch(/^enc-[0-9a-f]{32}$/);
    expect(isEncounterId(id)).toBe(true);
    expect(encounterId('uploads', 'a.wav', '"0x8D1"')).toBe(id);
    expect(encounterId('uploads', 'a.wav', '"0x8D2"')).not.toBe(id);
    expect(encounterId('uploads', 'b.wav', '"0x8D1"')).not.toBe(id);
    expect(encounterId('uploads', 'a.wav', '0x8D1')).toBe(id);
    expect(encounterId('uploads', 'a.wav', 'W/"0x8D1"')).toBe(id);
  });
  it('matches the documented formula', () => {
    // computed independently: echo -n 'uploads/a.wav/etag' | sha256sum
    expect(encounterId('uploads', 'a.wav', '"etag"')).toBe('enc-d5a3ab39328c14f78a578c96e0540a99');
  });
});

describe('parseOptions', () => {
  it('applies defaults', () => {
    expect(parseOptions({})).toEqual({ template: 'soap', review: false, locale: 'en-US' });
  });
  it.each([
    [
      { review: 'true', template: 'HP', maxSpeakers: '3' },
      { template: 'hp', review: true, locale: 'en-US', maxSpeakers: 3 },
    ],
    [
      { review: 'no', locale: 'en-GB', reviewTimeoutHours: '0.01' },
      { template: 'soap', review: false, locale: 'en-GB', reviewTimeoutHours: 0.01 },
    ],
  ])('%j', (fields, expected) => {
    expect(parseOptions(fields)).toEqual(expected);
  });
  it.each([[{ template: 'poem' }], [{ review: 'maybe' }], [{ maxSpeakers: 'two' }], [{ maxSpeakers: '0' }]])(
    'refuses %j',
    (fields) => {
      expect(() => parseOptions(fields)).toThrow(/Invalid option/);
    },
  );
  it('reads upload metadata; junk is a clear InvalidOptions, never silently the defaults (issue 10 item 11)', () => {
    expect(optionsFromMetadata({ clinscribeoptions: '{"template":"progress","review":true}' })).toMatchObject({
      template: 'progress',
      review: true,
    });
    expect(() => optionsFromMetadata({ clinscribeoptions: '{not json' })).toThrow(
      expect.objectContaining({ code: 'InvalidOptions' }),
    );
    expect(() => optionsFromMetadata({ clinscribeoptions: '{"review":"maybe"}' })).toThrow(/review/);
    expect(optionsFromMetadata(undefined).template).toBe('soap');
    expect(optionsFromMetadata({}).review).toBe(false);
  });
});

describe('checkEditedNote', () => {
  const transcript = { segments: [{ id: 's1' }, { id: 's2' }] as never[] };
  const note = (evidence: string[]) => ({
    sections: [{ id: 'subjective', title: 'Subjective', sentences: [{ text: 'Back pain.', evidence }] }],
  });
  it('accepts an edit that keeps its evidence in the transcript', () => {
    expect(checkEditedNote(note(['s2']), transcript, 'soap')).toMatchObject({
      template: 'soap',
      engine: 'reviewer',
      dropped: 0,
    });
  });
  it.each([[note(['s9'])], [note([])], [{ sections: 'x' }]])('refuses %j', (value) => {
    expect(() => checkEditedNote(value, transcript, 'soap')).toThrow(expect.objectContaining({ code: 'InvalidNote' }));
  });
});

describe('staticFile', () => {
  it.each([
    ['', '/srv/web/index.html', 'text/html; charset=utf-8'],
    ['app.js', '/srv/web/app.js', 'text/javascript; charset=utf-8'],
    ['css/../style.css', '/srv/web/style.css', 'text/css; charset=utf-8'],
  ])('%s → %s', (path, file, type) => {
    expect(staticFile('/srv/web', path)).toEqual({ path: file, contentType: type });
  });
  it.each(['../package.json', '..%2Fpackage.json', '/etc/passwd', 'x.exe', '../../etc/shadow.html'])(
    'refuses %s',
    (path) => {
      expect(staticFile('/srv/web', path)).toBeUndefined();
    },
  );
});
