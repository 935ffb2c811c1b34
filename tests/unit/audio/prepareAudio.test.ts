import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_AUDIO_LIMITS, prepareAudio, saveStreamToFile } from '../../../src/engines/audio';
import { LocalSpeechEngine } from '../../../src/engines/speech/local/LocalSpeechEngine';
import { NonRetriableError } from '../../../src/errors';
import { type SynthesizedEncounter, synthesizeEncounter } from '../../helpers/synthesize';

const run = promisify(execFile);
let dir: string;
let enc: SynthesizedEncounter;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-audio-test-'));
  enc = await synthesizeEncounter('enc-back-pain');
  await writeFile(join(dir, 'notes.wav'), 'Patient reports a cough for three days.\nNo fever.\n');
  await writeFile(join(dir, 'empty.wav'), '');
  const mp3 = await readFile(enc.mp3);
  await writeFile(join(dir, 'truncated.mp3'), mp3.subarray(0, Math.floor(mp3.length / 3)));
  await run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', join(dir, 'silence.wav'), 'trim', '0', '10']);
  await run('sox', [
    '-D',
    '-n',
    '-r',
    '16000',
    '-c',
    '8',
    '-b',
    '16',
    join(dir, 'eight.wav'),
    'synth',
    '2',
    'sine',
    '440',
  ]);
  await copyFile(enc.wav, join(dir, 'big.wav'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(path: string, limits = DEFAULT_AUDIO_LIMITS): Promise<NonRetriableError> {
  const error = await prepareAudio(path, limits).then(
    (ok) => (ok.pcm.cleanup(), undefined),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NonRetriableError);
  return error as NonRetriableError;
}

describe('prepareAudio: bad inputs are clear NonRetriableErrors', () => {
  it.each([
    ['a text file renamed .wav', 'notes.wav', 'NotAudio', /text, not audio/],
    [
      'a truncated mp3',
      'truncated.mp3',
      'TruncatedAudio',
      /truncated or corrupt: its header declares 85\.\d s but only \d+\.\d s decode/,
    ],
    ['0 bytes', 'empty.wav', 'EmptyAudio', /empty \(0 bytes\)/],
    ['10 s of silence', 'silence.wav', 'SilentAudio', /silent: no sound above -45 dBFS in 10\.0 s/],
    ['8-channel audio', 'eight.wav', 'TooManyChannels', /8 channels; at most 2/],
  ])('%s', async (_name, file, code, message) => {
    const error = await rejection(join(dir, file));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('an over-limit size', async () => {
    const error = await rejection(join(dir, 'big.wav'), { ...DEFAULT_AUDIO_LIMITS, maxBytes: 1024 * 1024 });
    expect(error.code).toBe('AudioTooLarge');
    expect(error.message).toMatch(/is 2\.6 MB, over the 1\.0 MB limit/);
  });

  it('the offline engine rejects bad input the same way (no crash)', async () => {
    const engine = new LocalSpeechEngine();
    await expect(engine.transcribe({ path: join(dir, 'notes.wav') }, {})).rejects.toMatchObject({
      code: 'NotAudio',
      retriable: false,
    });
    await expect(engine.transcribe({ path: join(dir, 'silence.wav') }, {})).rejects.toMatchObject({
      code: 'SilentAudio',
    });
  });
});

describe('prepareAudio: the fixture encounter in every format', () => {
  it.each([
    ['wav', 'audio/wav'],
    ['mp3', 'audio/mpeg'],
    ['ogg', 'audio/ogg'],
  ] as const)('%s decodes to 16 kHz mono of at least 60 s', async (format, contentType) => {
    const audio = await prepareAudio(enc[format]);
    try {
      expect(audio.contentType).toBe(contentType);
      expect(audio.layout).toMatchObject({ sampleRate: 16000, channels: 1 });
      expect(audio.duration).toBeGreaterThanOrEqual(60);
      expect(Math.abs(audio.duration - enc.duration)).toBeLessThan(0.2);
    } finally {
      await audio.pcm.cleanup();
    }
  });

  it('ignores a misleading extension: an ogg named .mp3 is an ogg', async () => {
    await copyFile(enc.ogg, join(dir, 'lying.mp3'));
    const audio = await prepareAudio(join(dir, 'lying.mp3'));
    await audio.pcm.cleanup();
    expect(audio.contentType).toBe('audio/ogg');
  });
});

describe('saveStreamToFile', () => {
  it('streams to a temp file with size and sha256', async () => {
    const saved = await saveStreamToFile(Readable.from([Buffer.from('abc'), Buffer.from('def')]), { maxBytes: 10 });
    try {
      expect(saved.sizeBytes).toBe(6);
      expect(saved.sha256).toBe('bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721');
      expect(await readFile(saved.path, 'utf8')).toBe('abcdef');
    } finally {
      await saved.cleanup();
    }
  });

  it('stops at the size limit with a NonRetriableError', async () => {
    const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024));
    await expect(saveStreamToFile(Readable.from(chunks), { maxBytes: 10_000 })).rejects.toMatchObject({
      code: 'AudioTooLarge',
    });
  });
});
