import { afterEach, describe, expect, it, vi } from 'vitest';

import { run, usage } from '../../../src/cli/transcribe';
import { wordErrorRate } from '../../../src/engines/speech/wordErrorRate';
import { TranscriptSchema } from '../../../src/model/transcript';
import { synthesizeSentence } from '../../helpers/synthesize';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('clinscribe transcribe', () => {
  it('prints the transcript JSON of a recording on stdout (offline engine)', async () => {
    const path = await synthesizeSentence('How long have you had the cough?', 'awb');
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await run([path, '--engine', 'local', '--max-speakers', '2']);
    expect(code).toBe(0);
    const transcript = TranscriptSchema.parse(JSON.parse(out.join('')));
    expect(transcript.engine).toBe('local');
    const text = transcript.segments.map((s) => s.text).join(' ');
    expect(wordErrorRate('how long have you had the cough', text)).toBeLessThanOrEqual(0.5);
  }, 60_000);

  it.each([
    [[], /exactly one audio file/],
    [['a.wav', 'b.wav'], /exactly one audio file/],
    [['a.wav', '--engine', 'whisper'], /--engine must be one of local, azure-fast, azure-batch/],
    [['a.wav', '--max-speakers', 'two'], /--max-speakers must be an integer/],
    [['a.wav', '--max-speakers', '0'], /--max-speakers must be an integer/],
  ])('rejects bad arguments %j', async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });

  it('rejects a missing file with a clear NonRetriableError', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(run(['/nonexistent/visit.wav', '--engine', 'local'])).rejects.toMatchObject({
      code: 'AudioNotFound',
      retriable: false,
    });
  });

  it('documents every option', () => {
    for (const option of ['--engine', '--max-speakers', '--locale', '--source-url']) expect(usage).toContain(option);
  });
});
