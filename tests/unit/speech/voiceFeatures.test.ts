import { describe, expect, it } from 'vitest';

import { readPcmRange, readWavLayout } from '../../../src/engines/audio/wavFile';
import { clusterSpeakers } from '../../../src/engines/speech/local/clusterSpeakers';
import { voiceFeatures } from '../../../src/engines/speech/local/voiceFeatures';
import { type GoldTurn, synthesizeEncounter } from '../../helpers/synthesize';

const WEIGHTS = [...new Array<number>(24).fill(1), 3];

/** Voice features of each gold turn (no recognizer involved: this isolates diarization). */
async function turnFeatures(wav: string, turns: GoldTurn[]): Promise<(number[] | undefined)[]> {
  const layout = await readWavLayout(wav);
  return Promise.all(turns.map(async (t) => voiceFeatures(await readPcmRange(wav, layout, t.start, t.end))));
}

function agreement(labels: number[], turns: GoldTurn[]): number {
  const gold = turns.map((t) => t.speaker);
  const direct = labels.filter((l, i) => (l === 0) === (gold[i] === gold[0])).length;
  return direct / turns.length;
}

describe('voiceFeatures + clusterSpeakers on synthesized voices', () => {
  it.each([
    ['male and female (awb, slt)', { A: 'awb', B: 'slt' }],
    ['two male voices (awb, rms)', { A: 'awb', B: 'rms' }],
  ])(
    '%s: turns cluster into the two speakers',
    async (_name, voices) => {
      const enc = await synthesizeEncounter('enc-back-pain', voices);
      const features = await turnFeatures(enc.wav, enc.turns);
      expect(features.every(Boolean)).toBe(true);
      expect(features[0]).toHaveLength(25);
      const labels = clusterSpeakers(features, { maxSpeakers: 4, weights: WEIGHTS });
      expect(new Set(labels).size).toBe(2);
      expect(agreement(labels, enc.turns)).toBeGreaterThanOrEqual(0.9);
    },
    60_000,
  );

  it('returns undefined for too little loud audio', () => {
    expect(voiceFeatures(new Int16Array(1600))).toBeUndefined();
  });
});
