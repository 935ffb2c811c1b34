import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../../src/config';
import { hasPocketsphinx } from '../../../src/engines/speech/local/hasPocketsphinx';
import { intakeRefusal } from '../../../src/functions/lib/intakeRefusal';

const local = loadConfig({ SPEECH_ENGINE: 'local' });
const azure = loadConfig({ SPEECH_ENDPOINT: 'https://speech.example.cognitiveservices.azure.com' });
const dir = mkdtempSync(join(tmpdir(), 'ps-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('intake refusal of recordings no engine can transcribe (an Azure deployment without Speech)', () => {
  it.each([
    ['wav', local, false, 'SpeechUnavailable'],
    ['mp3', local, false, 'SpeechUnavailable'],
    ['wav', local, true, undefined],
    ['wav', azure, false, undefined],
    ['txt', local, false, undefined],
    ['pdf', local, false, undefined],
  ] as const)('%s with speech=%s, pocketsphinx=%s → %s', (type, config, offline, code) => {
    expect(intakeRefusal(type, config, () => offline)?.code).toBe(code);
  });

  it('says what to configure', () => {
    expect(intakeRefusal('wav', local, () => false)?.message).toMatch(/SPEECH_ENDPOINT/);
  });

  it('finds pocketsphinx_continuous only as an executable on PATH', () => {
    expect(hasPocketsphinx(dir)).toBe(false);
    const bin = join(dir, 'pocketsphinx_continuous');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o644);
    expect(hasPocketsphinx(dir)).toBe(false);
    chmodSync(bin, 0o755);
    expect(hasPocketsphinx(`/nonexistent:${dir}`)).toBe(true);
  });
});
