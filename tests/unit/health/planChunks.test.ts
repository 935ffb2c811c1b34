import { describe, expect, it } from 'vitest';

import { countGraphemes, splitByGraphemes } from '../../../src/engines/health/graphemes';
import { planChunks } from '../../../src/engines/health/planChunks';
import { transcriptText } from '../../../src/model/transcriptText';

const segs = (...texts: string[]) => ({
  segments: texts.map((text, i) => ({
    id: `s${i + 1}`,
    speaker: 'A',
    role: 'other' as const,
    start: 0,
    end: 0,
    text,
    words: [],
  })),
});

describe('graphemes', () => {
  it.each([
    ['abc', 3],
    ['👍🏽 ok', 4],
    ['e\u0301', 1],
    ['a\r\nb', 3],
    ['👨‍👩‍👧', 1],
  ])('countGraphemes(%j) = %i', (text, n) => expect(countGraphemes(text)).toBe(n));

  it('splits at sentences, then spaces, never inside a grapheme', () => {
    expect(splitByGraphemes('One two. Three four.', 12)).toEqual(['One two. ', 'Three four.']);
    expect(splitByGraphemes('aaaa bbbb cccc', 7)).toEqual(['aaaa ', 'bbbb ', 'cccc']);
    const emoji = '👍🏽'.repeat(5);
    const pieces = splitByGraphemes(emoji, 2);
    expect(pieces.join('')).toBe(emoji);
    expect(pieces.every((p) => countGraphemes(p) <= 2 && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });
});

describe('planChunks', () => {
  it('packs whole segments up to the limit, counting separators, with offsets into the full text', () => {
    const t = segs('aaaa', 'bbbb', 'cccc', 'dd');
    const chunks = planChunks(t, 9);
    expect(chunks.map((c) => c.text)).toEqual(['aaaa\nbbbb', 'cccc\ndd']);
    const { text } = transcriptText(t);
    for (const c of chunks) {
      expect(text.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
      for (const s of c.segments)
        expect(c.text.slice(s.offset, s.offset + s.length)).toBe(t.segments.find((x) => x.id === s.id)!.text);
    }
    expect(chunks.map((c) => c.index)).toEqual([0, 1]);
  });

  it('counts graphemes, not UTF-16 units', () => {
    const t = segs('👍🏽👍🏽', '👍🏽👍🏽');
    expect(planChunks(t, 5)).toHaveLength(1);
    expect(planChunks(t, 4)).toHaveLength(2);
  });

  it('splits an over-long segment at sentence boundaries, keeping its id on each piece', () => {
    const t = segs('short', 'First sentence here. Second sentence here. Third one.', 'end');
    const chunks = planChunks(t, 25);
    const long = chunks.filter((c) => c.segments[0]?.id === 's2');
    expect(long.length).toBeGreaterThan(1);
    expect(long.map((c) => c.text).join('')).toBe(t.segments[1]!.text);
    expect(chunks.every((c) => countGraphemes(c.text) <= 25)).toBe(true);
    const { text } = transcriptText(t);
    for (const c of chunks) expect(text.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
  });

  it('is deterministic and handles an empty transcript', () => {
    const t = segs('a b c', 'd e f');
    expect(planChunks(t, 3)).toEqual(planChunks(t, 3));
    expect(planChunks({ segments: [] }, 10)).toEqual([]);
    expect(() => planChunks(t, 0)).toThrow(RangeError);
  });
});
