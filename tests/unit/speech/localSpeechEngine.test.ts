import { describe, expect, it } from 'vitest';

import { LocalSpeechEngine } from '../../../src/engines/speech/local/LocalSpeechEngine';
import { speakerAccuracy } from '../../../src/engines/speech/speakerAccuracy';
import { wordErrorRate } from '../../../src/engines/speech/wordErrorRate';
import { TranscriptSchema } from '../../../src/model/transcript';
import { goldSpeakerAt, goldText, loadScript, synthesizeEncounter, synthesizeSentence } from '../../helpers/synthesize';

// Each scripted encounter once, each in a different container format, so all three formats go through the
// recognizer without tripling the CPU cost (pocketsphinx is heavy on a shared 2-core machine).
const CASES = [
  ['enc-back-pain', 'wav'],
  ['enc-cough-uri', 'ogg'],
  ['enc-diabetes-followup', 'mp3'],
] as const;

describe('LocalSpeechEngine on synthesized two-speaker encounters', () => {
  const engine = new LocalSpeechEngine();

  it.each(CASES)(
    '%s (%s): WER ≤ 0.30, ≥ 90 %% of words to the right speaker, both roles right',
    async (id, format) => {
      const [enc, script] = await Promise.all([synthesizeEncounter(id), loadScript(id)]);
      expect(enc.duration).toBeGreaterThanOrEqual(60);
      const progress: number[] = [];
      const transcript = await engine.transcribe({ path: enc[format] }, { onProgress: (f) => progress.push(f) });

      expect(TranscriptSchema.parse(transcript)).toEqual(transcript);
      expect(transcript.engine).toBe('local');
      expect(transcript.segments.map((s) => s.id)).toEqual(transcript.segments.map((_, i) => `s${i + 1}`));
      expect(transcript.segments.every((s, i, all) => i === 0 || s.start >= all[i - 1]!.start)).toBe(true);
      expect(progress.at(-1)).toBe(1);

      const wer = wordErrorRate(goldText(enc.turns), transcript.segments.map((s) => s.text).join(' '));
      expect(wer).toBeLessThanOrEqual(0.3);

      const score = speakerAccuracy(transcript, (t) => goldSpeakerAt(enc.turns, t));
      expect(transcript.speakers).toHaveLength(2);
      expect(score.accuracy).toBeGreaterThanOrEqual(0.9);

      for (const speaker of transcript.speakers) {
        const gold = score.mapping[speaker.id];
        expect(gold).toBeDefined();
        expect(speaker.role).toBe(script.speakers[gold!]!.role);
      }
    },
    240_000,
  );

  it('maxSpeakers = 1 puts everyone in one speaker', async () => {
    const path = await synthesizeSentence('Please take one tablet twice a day with food.', 'rms');
    const t = await engine.transcribe({ path }, { maxSpeakers: 1 });
    expect(new Set(t.segments.map((s) => s.speaker))).toEqual(new Set(['spk0']));
    expect(
      wordErrorRate('please take one tablet twice a day with food', t.segments.map((s) => s.text).join(' ')),
    ).toBeLessThanOrEqual(0.5);
  }, 60_000);
});
