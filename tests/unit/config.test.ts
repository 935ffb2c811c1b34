import { describe, expect, it } from 'vitest';

import { blobTriggerSource, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs everything offline when no Azure setting is present', () => {
    expect(loadConfig({}).engines).toEqual({ speech: 'local', language: 'local', note: 'local' });
  });

  it.each([
    [{ SPEECH_REGION: 'westeurope' }, { speech: 'azure-fast' }],
    [{ LANGUAGE_ENDPOINT: 'https://lang.example.com' }, { language: 'azure' }],
    [{ AZURE_OPENAI_ENDPOINT: 'https://aoai.example.com', AZURE_OPENAI_DEPLOYMENT: 'gpt' }, { note: 'azure-openai' }],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1', OPENAI_MODEL: 'llama' }, { note: 'openai' }],
    [{ SPEECH_REGION: 'westeurope', SPEECH_ENGINE: 'local' }, { speech: 'local' }],
  ])('auto picks Azure when its endpoint is set: %j', (env, expected) => {
    expect(loadConfig(env).engines).toMatchObject(expected);
  });

  it.each([
    [{ SPEECH_ENGINE: 'azure-batch' }, /SPEECH_ENDPOINT or SPEECH_REGION/],
    [{ NOTE_ENGINE: 'openai' }, /OPENAI_MODEL/],
    [{ LANGUAGE_ENDPOINT: 'not a url' }, /LANGUAGE_ENDPOINT/],
    [{ SPEECH_ENGINE: 'whisper' }, /SPEECH_ENGINE/],
    [{ CHUNK_GRAPHEMES: '200000' }, /CHUNK_GRAPHEMES/],
  ])('names what is wrong: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('treats empty settings as absent', () => {
    expect(loadConfig({ LANGUAGE_ENDPOINT: '' }).engines.language).toBe('local');
  });
});

describe('blobTriggerSource', () => {
  it.each([
    [{}, 'LogsAndContainerScan'],
    [{ BLOB_TRIGGER_SOURCE: 'EventGrid' }, 'EventGrid'],
    [{ BLOB_TRIGGER_SOURCE: 'eventgrid' }, 'LogsAndContainerScan'],
  ])('%j → %s', (env, source) => {
    expect(blobTriggerSource(env)).toBe(source);
  });
});
