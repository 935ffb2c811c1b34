import { describe, expect, it } from 'vitest';

import { sniffType } from '../../../src/engines/documents/sniffType';
import { makePdf } from './makePdf';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffType', () => {
  it.each([
    ['wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['ogg', bytes('OggS', [0, 2])],
    ['flac', bytes('fLaC', [0, 0, 0, 34])],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f])],
    ['m4a', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0])],
    ['mp3', bytes('ID3', [4, 0, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64])],
    ['pdf', makePdf([['hello']]).subarray(0, 64)],
    ['vtt', bytes('WEBVTT\n\n00:01.000 --> 00:02.000')],
    ['vtt', bytes([0xef, 0xbb, 0xbf], 'WEBVTT - title\n')],
    ['txt', Buffer.from('Doctor: How is the pain? Ça va… 痛み', 'utf8')],
    ['txt', Buffer.from('Patient: naïve', 'utf8').subarray(0, 14)],
  ])('%s', (type, head) => {
    expect(sniffType(head)).toBe(type);
  });

  it.each([
    ['binary zeros', Buffer.alloc(64)],
    ['random high bytes', bytes([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x41])],
    ['empty', Buffer.alloc(0)],
    ['a name is not a type', Buffer.from([0x00, 0x01, 0x02, 0x03])],
  ])('%s is refused', (_name, head) => {
    expect(sniffType(head)).toBeUndefined();
  });
});
