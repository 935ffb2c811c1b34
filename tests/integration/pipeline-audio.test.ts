import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Transcript } from '../../src/model/transcript';
import type { TestHost } from '../helpers/hostHarness';
import { synthesizeEncounter } from '../helpers/synthesize';
import { Api, expectCompleteEncounter, startPipelineHost } from './pipeline-helpers';

/** Seconds of each recording sent: enough for several turns of both speakers, a third of the decoding time. */
const CLIP_S = 30;

let host: TestHost;
let api: Api;
let dir: string;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-audio-'));
});
afterAll(async () => {
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The first CLIP_S seconds of a recording, same container and codec (stream copy). */
async function clip(file: string, name: string): Promise<Buffer> {
  const out = join(dir, `${name}${extname(file)}`);
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-i', file, '-t', String(CLIP_S), '-c', 'copy', out]);
  return readFile(out);
}

describe('pipeline on the embedded host: audio', () => {
  it('each scripted encounter, one as wav, one as mp3, one as ogg/opus, completes with a diarized transcript', async () => {
    const ids = ['enc-back-pain', 'enc-cough-uri', 'enc-diabetes-followup'];
    const audio = await Promise.all(ids.map((id) => synthesizeEncounter(id)));
    const files = [audio[0]!.wav, audio[1]!.mp3, audio[2]!.ogg];
    const started = [];
    for (const [i, file] of files.entries())
      started.push(await api.upload(await clip(file, ids[i]!), { maxSpeakers: '2' }));
    for (const { encounterId } of started) {
      await api.settle(encounterId, undefined, 300_000);
      await expectCompleteEncounter(api, encounterId);
      const manifest = (await api.get(encounterId)).manifest!;
      expect(manifest.timings.map((t) => t.stage)).toContain('transcribe');
      expect(manifest.engines.speech).toBeTruthy();
      const transcript = (await (await api.artifact(encounterId, 'transcript')).json()) as Transcript;
      expect(transcript.duration).toBeGreaterThan(CLIP_S * 0.9);
      expect(transcript.duration).toBeLessThan(CLIP_S + 1);
      expect(transcript.segments.length).toBeGreaterThan(2);
      expect(new Set(transcript.segments.map((s) => s.role))).toContain('clinician');
    }
    const types = await Promise.all(started.map(async (s) => (await api.get(s.encounterId)).manifest!.input.type));
    expect(types).toEqual(['wav', 'mp3', 'ogg']);
  }, 600_000);
});
