import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Transcript } from '../../src/model/transcript';
import type { TestHost } from '../helpers/hostHarness';
import { synthesizeEncounter } from '../helpers/synthesize';
import { Api, expectCompleteEncounter, startPipelineHost } from './pipeline-helpers';

let host: TestHost;
let api: Api;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
});
afterAll(async () => host?.stop());

describe('pipeline on the embedded host: audio', () => {
  it('each scripted encounter, one as wav, one as mp3, one as ogg/opus, completes with a diarized transcript', async () => {
    const ids = ['enc-back-pain', 'enc-cough-uri', 'enc-diabetes-followup'];
    const audio = await Promise.all(ids.map((id) => synthesizeEncounter(id)));
    const files = [audio[0]!.wav, audio[1]!.mp3, audio[2]!.ogg];
    const started = [];
    for (const file of files) started.push(await api.upload(await readFile(file), { maxSpeakers: '2' }));
    for (const [i, { encounterId }] of started.entries()) {
      await api.settle(encounterId, undefined, 300_000);
      await expectCompleteEncounter(api, encounterId);
      const manifest = (await api.get(encounterId)).manifest!;
      expect(manifest.timings.map((t) => t.stage)).toContain('transcribe');
      expect(manifest.engines.speech).toBeTruthy();
      const transcript = (await (await api.artifact(encounterId, 'transcript')).json()) as Transcript;
      expect(transcript.duration).toBeGreaterThan(audio[i]!.duration * 0.8);
      expect(new Set(transcript.segments.map((s) => s.role))).toContain('clinician');
    }
    expect(
      new Set(await Promise.all(started.map(async (s) => (await api.get(s.encounterId)).manifest!.input.type))),
    ).toEqual(new Set(['wav', 'mp3', 'ogg']));
  }, 600_000);
});
