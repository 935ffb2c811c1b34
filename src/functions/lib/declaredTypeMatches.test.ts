import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import type { InputType } from '../../engines/documents/sniffType';
import { declaredTypeMatches } from './declaredTypeMatches';
import { takeHead } from './takeHead';

describe('declaredTypeMatches', () => {
  it.each<[string | undefined, InputType, boolean]>([
    ['audio/wav', 'wav', true],
    ['audio/x-m4a', 'm4a', true],
    ['video/webm', 'webm', true],
    ['audio/wav', 'txt', false],
    ['audio/mpeg', 'pdf', false],
    ['text/plain; charset=utf-8', 'txt', true],
    ['text/vtt', 'vtt', true],
    ['text/plain', 'wav', false],
    ['application/pdf', 'pdf', true],
    ['application/pdf', 'txt', false],
    ['application/octet-stream', 'wav', true],
    [undefined, 'pdf', true],
  ])('declared %s, content %s → %s', (declared, sniffed, expected) => {
    expect(declaredTypeMatches(declared, sniffed)).toBe(expected);
  });
});

describe('takeHead', () => {
  it('returns at least the asked bytes and leaves the rest readable in order', async () => {
    const stream = Readable.from([Buffer.from('abc'), Buffer.from('defg'), Buffer.from('hij')]);
    const head = await takeHead(stream, 5);
    expect(head.toString()).toBe('abcdefg');
    const rest: Buffer[] = [];
    for await (const part of stream) rest.push(part as Buffer);
    expect(Buffer.concat(rest).toString()).toBe('hij');
  });

  it('returns what there is when the stream ends first, and rejects on a stream error', async () => {
    const short = Readable.from([Buffer.from('ab')]);
    expect((await takeHead(short, 512)).toString()).toBe('ab');
    expect(short.readableEnded).toBe(true);
    const broken = new Readable({
      read() {
        this.destroy(new Error('reset'));
      },
    });
    await expect(takeHead(broken, 4)).rejects.toThrow('reset');
  });
});
