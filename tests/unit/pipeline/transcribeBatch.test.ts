/** The transcribe activity with Azure batch transcription: source URL, job URL kept for resumption, then cleared. */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StepDeps } from '../../../activities/lib/deps';
import { transcribe } from '../../../activities/transcribe';
import { loadConfig } from '../../../src/config';
import { setLogSink } from '../../../src/log';
import { Containers } from '../../../src/model/names';
import { ensureContainers, writeBlob } from '../../../src/store/blobIo';
import { createManifest, readManifest, updateManifest } from '../../../src/store/manifestStore';
import { newManifest } from '../../../src/store/manifestUpdates';
import { synthesizeSentence } from '../../helpers/synthesize';
import { JOB, job, service } from '../speech/fakeBatchJob';
import { type FakeSpeechService, startFakeSpeechService } from '../speech/fakeSpeechService';
import { startTestStorage } from '../store/azurite';

setLogSink(() => undefined);

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let fake: FakeSpeechService;
let deps: StepDeps;
let audio: Buffer;

async function newEncounter(id: string) {
  const uploaded = await writeBlob(storage.blobs, { container: Containers.uploads, name: `${id}.wav` }, audio);
  await createManifest(
    storage.blobs,
    newManifest(id, { ...uploaded, etag: uploaded.etag!, type: 'wav' }, {}, new Date().toISOString()),
  );
  return { encounterId: id, source: { ...uploaded, type: 'wav' }, locale: 'en-US' };
}

beforeAll(async () => {
  const [started, speech, wav] = await Promise.all([
    startTestStorage(),
    startFakeSpeechService(),
    synthesizeSentence('Any chest pain? No.', 'slt'),
  ]);
  [storage, fake, audio] = [started, speech, readFileSync(wav)];
  const config = loadConfig({ SPEECH_ENGINE: 'azure-batch', SPEECH_ENDPOINT: fake.base, SPEECH_KEY: 'test-key' });
  deps = { blobs: () => storage.blobs, config: () => config };
  await ensureContainers(storage.blobs, [Containers.uploads, Containers.encounters]);
});
afterAll(async () => {
  await Promise.all([storage?.stop(), fake?.close()]);
});

describe('transcribe activity with Azure batch transcription', () => {
  it('sends the upload URL, keeps the job URL in the manifest while polling, and clears it once done', async () => {
    const intake = await newEncounter('enc-0000b001');
    const seenWhilePolling: Array<string | undefined> = [];
    const routes = service([(base) => [200, job(base, 'Succeeded')]]);
    fake.requests.length = 0;
    fake.script(async (req, res, base) => {
      if (req.method === 'GET' && req.path === JOB)
        seenWhilePolling.push((await readManifest(storage.blobs, intake.encounterId))?.jobs.speechBatch);
      routes(req, res, base);
    });

    const result = await transcribe(intake, deps);

    expect(result).toMatchObject({ ok: true, stats: { segments: 2, speakers: 2 } });
    const create = fake.requests.find((r) => r.method === 'POST')!;
    const uploadUrl = storage.blobs.getContainerClient(Containers.uploads).getBlobClient(intake.source.name).url;
    expect(JSON.parse(create.body)).toMatchObject({ contentUrls: [uploadUrl] });
    expect(seenWhilePolling).toEqual([`${fake.base}${JOB}`]);
    const manifest = (await readManifest(storage.blobs, intake.encounterId))!;
    expect(manifest.jobs.speechBatch).toBe('');
    expect(manifest.engines).toMatchObject({ speech: 'azure-batch' });
  });

  it('a re-delivered step resumes the stored job instead of creating another', async () => {
    const intake = await newEncounter('enc-0000b002');
    await updateManifest(storage.blobs, intake.encounterId, { jobs: { speechBatch: `${fake.base}${JOB}` } });
    fake.requests.length = 0;
    fake.script(service([(base) => [200, job(base, 'Succeeded')]]));

    expect(await transcribe(intake, deps)).toMatchObject({ ok: true });
    expect(fake.requests.some((r) => r.method === 'POST')).toBe(false);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === JOB)).toBe(true);
  });
});
