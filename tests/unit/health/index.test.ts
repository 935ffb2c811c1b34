import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../src/config';
import { assertContext, createHealthEngine, mergeAnalyses, planChunks } from '../../../src/engines/health';

describe('health engine selection', () => {
  it.each([
    [{}, 'local'],
    [{ LANGUAGE_ENDPOINT: 'https://lang.example.cognitiveservices.azure.com' }, 'azure'],
    [{ LANGUAGE_ENDPOINT: 'https://lang.example.cognitiveservices.azure.com', LANGUAGE_ENGINE: 'local' }, 'local'],
    [{ LANGUAGE_ENGINE: 'azure', LANGUAGE_ENDPOINT: 'https://x.example', LANGUAGE_KEY: 'k' }, 'azure'],
  ])('%j → %s', (env, name) => {
    expect(createHealthEngine(loadConfig(env)).name).toBe(name);
  });

  it('exports the pipeline helpers', () => {
    expect(typeof planChunks).toBe('function');
    expect(typeof mergeAnalyses).toBe('function');
    expect(assertContext('No cough.', 'cough')).toEqual({ certainty: 'negative' });
  });
});
