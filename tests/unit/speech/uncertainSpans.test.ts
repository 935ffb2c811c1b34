import { describe, expect, it } from 'vitest';

import { findUncertainSpans, markUncertainSpans } from '../../../src/engines/speech/uncertainSpans';
import { TranscriptSchema, type Word } from '../../../src/model/transcript';

/** Words from "text/conf" tokens, 0.5 s each. */
const words = (spec: string): Word[] =>
  spec.split(' ').map((t, i) => {
    const [w, c] = t.split('/');
    return { w: w!, start: i * 0.5, end: i * 0.5 + 0.4, conf: Number(c ?? 0.9) };
  });

describe('findUncertainSpans', () => {
  it.each([
    ['start star/0.04 not/0.1 cops/0.2 today', [{ first: 1, last: 3, reason: 'after-medication-verb' }]],
    ['take the nap/0.3 roxanne/0.2 twice', [{ first: 2, last: 3, reason: 'after-medication-verb' }]],
    ['start you on lies/0.1 in/0.3 april/0.2', [{ first: 3, last: 5, reason: 'after-medication-verb' }]],
    ['i have meant/0.2 for/0.3 men/0.1 five hundred milligrams', [{ first: 2, last: 4, reason: 'next-to-dose' }]],
    ['twenty milligrams of a/0.3 tore/0.2 daily', [{ first: 3, last: 4, reason: 'next-to-dose' }]],
  ])('%s', (spec, expected) => {
    expect(findUncertainSpans(words(spec)).map(({ first, last, reason }) => ({ first, last, reason }))).toEqual(
      expected,
    );
  });

  it.each([
    ['the weather/0.2 was/0.3 nice'], // low confidence, but no clinical position
    ['take metformin/0.8 daily'], // clinical position, but confident
    ['take it easy'],
  ])('leaves %s alone', (spec) => {
    expect(findUncertainSpans(words(spec))).toEqual([]);
  });

  it('reports times and the lowest confidence of the span', () => {
    expect(findUncertainSpans(words('prescribe star/0.04 not/0.1'))).toEqual([
      { first: 1, last: 2, start: 0.5, end: 1.4, conf: 0.04, reason: 'after-medication-verb' },
    ]);
  });
});

describe('markUncertainSpans', () => {
  it('adds spans to the segments that have them and keeps the transcript valid', () => {
    const seg = (id: string, spec: string) => ({
      id,
      speaker: 'spk0',
      role: 'clinician' as const,
      start: 0,
      end: 3,
      text: spec.replace(/\/[\d.]+/g, ''),
      words: words(spec),
    });
    const marked = markUncertainSpans({
      duration: 10,
      locale: 'en-US',
      engine: 'local',
      speakers: [{ id: 'spk0', role: 'clinician' }],
      segments: [seg('s1', 'start star/0.04 not/0.1 cops/0.2'), seg('s2', 'how are you')],
    });
    expect(marked.segments[0]!.uncertain).toHaveLength(1);
    expect(marked.segments[1]!).not.toHaveProperty('uncertain');
    expect(TranscriptSchema.parse(marked)).toEqual(marked);
  });
});
