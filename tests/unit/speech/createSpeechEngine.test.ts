import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../src/config';
import { createSpeechEngine } from '../../../src/engines/speech';

describe('createSpeechEngine', () => {
  it.each([
    [{}, undefined, 'local'],
    [{ SPEECH_ENDPOINT: 'https://speech.example.cognitiveservices.azure.com' }, undefined, 'azure-fast'],
    [{ SPEECH_REGION: 'westeurope', SPEECH_ENGINE: 'azure-batch' }, undefined, 'azure-batch'],
    [{ SPEECH_ENDPOINT: 'https://speech.example.cognitiveservices.azure.com' }, 'local', 'local'],
  ] as const)('settings %j, override %s → %s', (env, override, expected) => {
    expect(createSpeechEngine(loadConfig({ ...env }), { engine: override }).name).toBe(expected);
  });

  it('an Azure engine forced without an endpoint is a clear settings error', () => {
    expect(() => createSpeechEngine(loadConfig({}), { engine: 'azure-fast' })).toThrow(
      /SPEECH_ENDPOINT or SPEECH_REGION is required/,
    );
  });
});
