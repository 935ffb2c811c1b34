/**
 * The transcribe and pollTranscription activities with Azure batch transcription: submit returns a ticket, each poll
 * is one status check, the job id is kept in the manifest for resumption and cleared once the transcript is saved.
 */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StepDeps } from '../../../activities/lib/deps';
import { pollTranscription } from '../../../activities/pollTranscription';
import { transcribe } from '../../../activities/transcribe';
import { loadConfig } from '../../../src/config';
import { setLogSink } from '../../../src/log';
import { type JobTicket, newTicket } from '../../../src/model/jobs';
import { Containers } from '../../../src/model/names';
import { ensureContainers, writeBlob } from '../../../src/store/blobIo';
import { createManifest, readManifest, updateManifest } from '../../../src/store/manifestStore';
import { newManifest } from '../../../src/store/manifestUpdates';
import { synthesizeSentence } from '../../helpers/synthesize';
import { API, JOB, job, JOB_ID, service } from '../speech/fakeBatchJob';
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

describe('transcribe + pollTranscription activities with Azure batch transcription (2024-11-15)', () => {
  it('transcribe submits the upload URL and returns a job ticket without waiting; the job id is kept in the manifest', async () => {
    const intake = await newEncounter('enc-0000b001');
    const counts = { submits: 0, polls: 0 };
    fake.script(service([(base) => [200, job(base, 'Running')]], counts));

    const result = await transcribe(intake, deps);

    expect(result).toMatchObject({
      ok: true,
      job: { kind: 'speechBatch', ids: [JOB_ID], polls: 0, pollAfterSeconds: 5 },
    });
    expect(counts).toEqual({ submits: 1, polls: 0 });
    const submit = fake.requests.find((r) => r.method === 'POST')!;
    const uploadUrl = storage.blobs.getContainerClient(Containers.uploads).getBlobClient(intake.source.name).url;
    expect(JSON.parse(submit.body)).toMatchObject({ contentUrls: [uploadUrl] });
    const manifest = (await readManifest(storage.blobs, intake.encounterId))!;
    expect(manifest.jobs.speechBatch).toBe(JOB_ID);
    expect(manifest.timings.map((t) => t.stage)).not.toContain('transcribe');
  });

  it('pollTranscription: one status check per call; Retry-After drives the next wait; done → transcript, job deleted and cleared', async () => {
    const intake = await newEncounter('enc-0000b003');
    await updateManifest(storage.blobs, intake.encounterId, { jobs: { speechBatch: JOB_ID } });
    const counts = { submits: 0, polls: 0 };
    fake.script(
      service(
        [(base) => [200, job(base, 'Running'), { 'Retry-After': '9' }], (base) => [200, job(base, 'Succeeded')]],
        counts,
      ),
    );
    const ticket = newTicket('speechBatch', [JOB_ID], new Date(Date.now() - 60_000).toISOString());

    const first = await pollTranscription({ ...intake, job: ticket }, deps);
    expect(first).toMatchObject({ ok: true, job: { polls: 1, pollAfterSeconds: 9 } });
    expect(counts.polls).toBe(1);

    const second = await pollTranscription({ ...intake, job: (first as { job: JobTicket }).job }, deps);
    expect(second).toMatchObject({ ok: true, stats: { segments: 2, speakers: 2 } });
    expect(second).not.toHaveProperty('job');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `${JOB}?${API}` });
    const manifest = (await readManifest(storage.blobs, intake.encounterId))!;
    expect(manifest.jobs.speechBatch).toBe('');
    expect(manifest.engines).toMatchObject({ speech: 'azure-batch' });
    const timing = manifest.timings.find((t) => t.stage === 'transcribe')!;
    expect(timing.durationMs).toBeGreaterThanOrEqual(59_000);
    expect(counts.submits).toBe(0);
  });

  it('a re-run of transcribe after a crash resumes the stored job instead of submitting another', async () => {
    const intake = await newEncounter('enc-0000b002');
    await updateManifest(storage.blobs, intake.encounterId, { jobs: { speechBatch: JOB_ID } });
    const counts = { submits: 0, polls: 0 };
    fake.script(service([(base) => [200, job(base, 'Succeeded')]], counts));

    expect(await transcribe(intake, deps)).toMatchObject({ ok: true, job: { ids: [JOB_ID] } });
    expect(counts.submits).toBe(0);
  });

  it.each([
    [
      {
        kind: 'speechBatch',
        ids: ['../../evil'],
        polls: 0,
        pollAfterSeconds: 1,
        submittedAt: new Date().toISOString(),
      },
    ],
    [{ kind: 'ta4h', ids: [JOB_ID], polls: 0, pollAfterSeconds: 1, submittedAt: new Date().toISOString() }],
    [{ kind: 'speechBatch', ids: ['https://attacker.example/x'], polls: 0, pollAfterSeconds: 1, submittedAt: 'x' }],
  ])('refuses a ticket that is not one batch job id (untrusted orchestration input): %j', async (bad) => {
    const intake = await newEncounter('enc-0000b004');
    fake.script(service([]));
    const result = await pollTranscription({ ...intake, job: bad as JobTicket }, deps);
    expect(result).toMatchObject({ ok: false, code: 'InvalidInput' });
    expect(fake.requests).toHaveLength(0);
  });
});
