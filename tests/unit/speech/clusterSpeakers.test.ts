import { describe, expect, it } from 'vitest';

import { clusterSpeakers, silhouette } from '../../../src/engines/speech/local/clusterSpeakers';

/** Deterministic pseudo-random numbers (no flaky tests). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
}

function voice(center: number[], noise: number, next: () => number): number[] {
  return center.map((c) => c + noise * next());
}

describe('clusterSpeakers', () => {
  it('separates two voices and numbers speakers by first appearance', () => {
    const next = rng(7);
    const a = [1, 2, 3, 4, 5.0];
    const b = [1.5, 1, 3.5, 3, 5.6];
    const order = ['b', 'a', 'b', 'a', 'a', 'b', 'a', 'b', 'b', 'a', 'a', 'b'];
    const features = order.map((who) => voice(who === 'a' ? a : b, 0.3, next));
    const labels = clusterSpeakers(features, { maxSpeakers: 4 });
    expect(labels).toEqual(order.map((who) => (who === 'b' ? 0 : 1)));
  });

  it('finds three speakers when there are three', () => {
    const next = rng(3);
    const centers = [
      [0, 0, 0],
      [5, 0, 0],
      [0, 5, 0],
    ];
    const order = [0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0];
    const labels = clusterSpeakers(
      order.map((c) => voice(centers[c]!, 0.5, next)),
      { maxSpeakers: 4 },
    );
    expect(labels).toEqual(order);
  });

  it('keeps one speaker when the voices do not separate', () => {
    const next = rng(11);
    const labels = clusterSpeakers(
      Array.from({ length: 12 }, () => voice([1, 1, 1, 1], 1, next)),
      { minSilhouette: 0.5 },
    );
    expect(new Set(labels)).toEqual(new Set([0]));
  });

  it('honours maxSpeakers = 1', () => {
    const features = [[0], [10], [0], [10]];
    expect(clusterSpeakers(features, { maxSpeakers: 1 })).toEqual([0, 0, 0, 0]);
  });

  it('gives featureless utterances the label of the one before', () => {
    const next = rng(5);
    const a = [0, 0];
    const b = [6, 6];
    const features = [
      voice(a, 0.2, next),
      undefined,
      voice(b, 0.2, next),
      undefined,
      voice(a, 0.2, next),
      voice(b, 0.2, next),
    ];
    expect(clusterSpeakers(features)).toEqual([0, 0, 1, 1, 0, 1]);
  });

  it('silhouette is high for separated clusters and low for mixed labels', () => {
    const points = [[0], [0.1], [10], [10.1]];
    expect(silhouette(points, [0, 0, 1, 1])).toBeGreaterThan(0.9);
    expect(silhouette(points, [0, 1, 0, 1])).toBeLessThan(0);
  });
});

describe('clusterSpeakers on long recordings', () => {
  it('clusters a sample and assigns every utterance to the nearest centre', () => {
    const next = rng(13);
    const order = Array.from({ length: 1000 }, (_, i) => (Math.floor(i / 3) % 2 === 0 ? 0 : 1));
    const features = order.map((c) => voice(c === 0 ? [0, 0, 0] : [4, 4, 4], 0.8, next));
    expect(clusterSpeakers(features, { maxPoints: 100 })).toEqual(order);
    expect(clusterSpeakers(features.slice(0, 200))).toEqual(order.slice(0, 200));
  });
});
