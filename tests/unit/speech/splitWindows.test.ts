import { describe, expect, it } from 'vitest';

import type { PcmLevels } from '../../../src/engines/audio/frameEnergies';
import { splitWindows } from '../../../src/engines/speech/local/splitWindows';

/** 10 ms frames: speech everywhere except the given silent stretches (seconds). */
function levels(duration: number, silences: [number, number][]): PcmLevels {
  const db = Float32Array.from({ length: Math.round(duration * 100) }, (_, i) =>
    silences.some(([a, b]) => i / 100 >= a && i / 100 < b) ? -90 : -20,
  );
  return { frame: 0.01, db, peakDb: -3, duration };
}

describe('splitWindows', () => {
  it('one window when asked for one', () => {
    expect(splitWindows(levels(30, []), 1)).toEqual([{ start: 0, end: 30 }]);
  });

  it('cuts in the middle of the longest silence near each ideal point', () => {
    const w = splitWindows(
      levels(100, [
        [47, 47.2],
        [52, 53],
      ]),
      2,
    );
    expect(w).toHaveLength(2);
    expect(w[0]!.end).toBeCloseTo(52.5, 1);
    expect(w[1]).toEqual({ start: w[0]!.end, end: 100 });
  });

  it('does not cut speech when there is no silence in reach', () => {
    expect(splitWindows(levels(100, []), 3)).toEqual([{ start: 0, end: 100 }]);
  });

  it('windows cover the audio in order without gaps', () => {
    const w = splitWindows(
      levels(300, [
        [98, 99],
        [150, 151],
        [205, 206],
      ]),
      3,
    );
    expect(w.map((x) => [x.start, x.end])).toEqual([
      [0, expect.closeTo(98.5, 1)],
      [expect.closeTo(98.5, 1), expect.closeTo(205.5, 1)],
      [expect.closeTo(205.5, 1), 300],
    ]);
  });
});
