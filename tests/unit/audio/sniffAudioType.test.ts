import { describe, expect, it } from 'vitest';

import { looksLikeText, sniffAudioType } from '../../../src/engines/audio/sniffAudioType';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)).concat(new Array(32).fill(0)),
  );

describe('sniffAudioType', () => {
  it.each([
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['flac', bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
    ['m4a', bytes([0, 0, 0, 0x20], 'ftypM4A '), 'audio/mp4'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'audio/webm'],
    ['mp3 with ID3', bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
    ['mp3 frame (MPEG-1 layer III 128k 44.1k)', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['adts aac', bytes([0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
  ])('recognises %s', (_name, input, expected) => {
    expect(sniffAudioType(input)).toBe(expected);
  });

  it.each([
    ['plain text', bytes('Hello, this is not audio at all.')],
    ['RIFF that is not WAVE (AVI)', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST')],
    ['PDF', bytes('%PDF-1.7\n')],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['bad MPEG sync (reserved version)', bytes([0xff, 0xeb, 0x90, 0x64])],
    ['empty', new Uint8Array(0)],
  ])('rejects %s', (_name, input) => {
    expect(sniffAudioType(input)).toBeUndefined();
  });

  it('tells text from binary', () => {
    expect(looksLikeText(Buffer.from('Patient reports cough.\n'))).toBe(true);
    expect(looksLikeText(Uint8Array.from([0, 1, 2, 3, 255, 0]))).toBe(false);
  });
});
