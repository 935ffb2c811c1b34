/**
 * The offline engine recognizes drug names with the clinical model built at install (npm run
 * speech-model:install, run before npm test) where the stock en-US model cannot: "metformin" and "lisinopril" are
 * not even in the stock dictionary. Also checks the engine picks the clinical model by default.
 */
import { describe, expect, it } from 'vitest';

import { clinicalModel } from '../../../src/engines/speech/local/clinicalModel';
import { LocalSpeechEngine } from '../../../src/engines/speech/local/LocalSpeechEngine';
import { synthesizeSentence } from '../../helpers/synthesize';

const SENTENCE = 'I take metformin five hundred milligrams twice a day and lisinopril ten milligrams every morning.';
const text = (t: { segments: { text: string }[] }): string => t.segments.map((s) => s.text).join(' ');

describe('clinical language model', () => {
  it('is built on this machine', () => {
    expect(clinicalModel(), 'run npm run speech-model:install').toBeDefined();
  });

  it('recognizes drug names the stock model turns into other words', async () => {
    const path = await synthesizeSentence(SENTENCE, 'slt');
    const clinical = await new LocalSpeechEngine().transcribe({ path }, { maxSpeakers: 1 });
    const stock = await new LocalSpeechEngine({ pocketsphinx: {} }).transcribe({ path }, { maxSpeakers: 1 });
    expect(text(clinical)).toMatch(/\bmetformin\b.*\blisinopril\b/);
    expect(text(stock)).not.toMatch(/\bmetformin\b|\blisinopril\b/);
  }, 120_000);
});
