import { describe, expect, it } from 'vitest';

import { segmentAt, transcriptText } from '../../../src/model/transcriptText';

describe('transcriptText', () => {
  const segments = [{ text: 'Hello there.' }, { text: '' }, { text: 'No chest pain.' }].map((s, i) => ({
    id: `s${i + 1}`,
    ...s,
  }));

  it('joins segments with a newline and records each span', () => {
    const { text, spans } = transcriptText({ segments: segments as never });
    expect(text).toBe('Hello there.\n\nNo chest pain.');
    expect(spans).toEqual([
      { id: 's1', offset: 0, length: 12 },
      { id: 's2', offset: 13, length: 0 },
      { id: 's3', offset: 14, length: 14 },
    ]);
    expect(text.slice(spans[2]!.offset, spans[2]!.offset + spans[2]!.length)).toBe('No chest pain.');
  });

  it.each([
    [0, 's1'],
    [11, 's1'],
    [17, 's3'],
    [27, 's3'],
    [99, undefined],
  ])('segmentAt(%i) = %s', (offset, id) => {
    expect(segmentAt(transcriptText({ segments: segments as never }).spans, offset)).toBe(id);
  });
});
