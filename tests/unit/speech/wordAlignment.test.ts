import { describe, expect, it } from 'vitest';

import { alignHits, termRecall } from '../../../src/engines/speech/wordAlignment';

const w = (s: string): string[] => s.split(' ').filter(Boolean);

describe('alignHits', () => {
  it.each([
    ['take metformin daily', 'take metformin daily', [true, true, true], [true, true, true]],
    ['take metformin daily', 'take met for men daily', [true, false, true], [true, false, false, false, true]],
    ['start naproxen now', 'start now', [true, false, true], [true, true]],
    ['a b', '', [false, false], []],
    ['', 'x y', [], [false, false]],
  ])('%s vs %s', (ref, hyp, refHits, hypHits) => {
    expect(alignHits(w(ref), w(hyp))).toEqual({ ref: refHits, hyp: hypHits });
  });

  it('counts as many hits as the reference has minus errors', () => {
    const hits = alignHits(w('the lumbar strain is better'), w('the lumbar spring is better now'));
    expect(hits.ref.filter(Boolean)).toHaveLength(4);
    expect(hits.hyp.filter((x) => !x)).toHaveLength(2);
  });
});

describe('termRecall', () => {
  it('needs every word of a term recognized, per occurrence', () => {
    const ref = w('lumbar strain and lumbar pain then naproxen and naproxen');
    const hits = alignHits(ref, w('lumbar spring and lumbar pain then naproxen and nap roxanne'));
    expect(termRecall(ref, hits.ref, [w('lumbar strain'), w('naproxen'), w('asthma')])).toEqual({
      found: 1,
      total: 3,
      missed: ['lumbar strain', 'naproxen'],
    });
  });
});
