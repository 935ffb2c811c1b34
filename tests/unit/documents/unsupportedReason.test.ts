import { describe, expect, it } from 'vitest';

import { sniffType, unsupportedReason } from '../../../src/engines/documents/sniffType';

describe('clear reasons for uploads that are not accepted (issue 10 item 11)', () => {
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Doctor: hello\n', 'utf16le')]);
  const utf16be = Buffer.from([0xfe, 0xff, 0x00, 0x44, 0x00, 0x72]);

  it('does not take UTF-16 text for mp3', () => {
    expect(sniffType(utf16le)).toBeUndefined();
    expect(sniffType(utf16be)).toBeUndefined();
    expect(unsupportedReason(utf16le)).toMatchObject({ code: 'UnsupportedEncoding' });
  });

  it('names an empty upload as such', () => {
    expect(unsupportedReason(Buffer.alloc(0))).toEqual({ code: 'EmptyUpload', message: 'The upload is empty' });
  });

  it('still recognises a real MPEG frame sync and plain text', () => {
    expect(sniffType(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]))).toBe('mp3');
    expect(sniffType(Buffer.from('Doctor: hello\n'))).toBe('txt');
    expect(unsupportedReason(Buffer.from([0, 1, 2, 3]))).toMatchObject({ code: 'UnsupportedType' });
  });
});
