import { describe, expect, it } from 'vitest';

import { speakerAccuracy } from '../../../src/engines/speech/speakerAccuracy';
import { alignWords, normaliseWords, wordErrorRate } from '../../../src/engines/speech/wordErrorRate';

describe('wordErrorRate', () => {
  it.each([
    ['identical', 'the pain is in my back', 'the pain is in my back', 0],
    ['case and punctuation ignored', 'Does the pain go down your legs?', 'does the pain go down your legs', 0],
    ['one substitution of five', 'take it twice a day', 'take it twice a week', 1 / 5],
    ['one deletion of four', 'no weakness at all', 'no weakness all', 1 / 4],
    ['one insertion of three', 'stay in bed', 'stay in the bed', 1 / 3],
    ['all wrong and longer', 'yes', 'no no no', 3],
    ['empty hypothesis', 'a b c', '', 1],
    ['empty both', '', '', 0],
    ['hyphens split', 'follow-up in two weeks', 'follow up in two weeks', 0],
  ])('%s', (_name, ref, hyp, expected) => {
    expect(wordErrorRate(ref, hyp)).toBeCloseTo(expected, 10);
  });

  it('counts each kind of edit', () => {
    expect(alignWords(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual({
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      hits: 3,
    });
    expect(alignWords(['a', 'b', 'c'], ['c'])).toEqual({ substitutions: 0, deletions: 2, insertions: 0, hits: 1 });
  });

  it('keeps apostrophes inside words', () => {
    expect(normaliseWords("I'm fine, doctor's orders.")).toEqual(["i'm", 'fine', "doctor's", 'orders']);
  });
});

describe('speakerAccuracy', () => {
  const transcript = {
    duration: 6,
    locale: 'en-US',
    engine: 't',
    speakers: [],
    segments: [
      {
        id: 's1',
        speaker: 'spk0',
        role: 'other' as const,
        start: 0,
        end: 2,
        text: '',
        words: [
          { w: 'a', start: 0, end: 1, conf: 1 },
          { w: 'b', start: 1, end: 2, conf: 1 },
        ],
      },
      {
        id: 's2',
        speaker: 'spk1',
        role: 'other' as const,
        start: 2,
        end: 4,
        text: '',
        words: [
          { w: 'c', start: 2, end: 3, conf: 1 },
          { w: 'd', start: 3, end: 4, conf: 1 },
        ],
      },
      {
        id: 's3',
        speaker: 'spk1',
        role: 'other' as const,
        start: 4,
        end: 6,
        text: '',
        words: [
          { w: 'e', start: 4, end: 5, conf: 1 },
          { w: 'f', start: 5, end: 6, conf: 1 },
        ],
      },
    ],
  };

  it('matches hypothesis speakers to gold one-to-one', () => {
    const gold = (t: number): string => (t < 2 || t > 4 ? 'A' : 'B');
    const score = speakerAccuracy(transcript, gold);
    expect(score.mapping).toEqual({ spk0: 'A', spk1: 'B' });
    expect(score.accuracy).toBeCloseTo(4 / 6, 10);
    expect(score.words).toBe(6);
  });

  it('cannot map two hypothesis speakers to one gold speaker', () => {
    expect(speakerAccuracy(transcript, () => 'A').accuracy).toBeCloseTo(4 / 6, 10);
  });
});
