import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Note } from '../../src/model/note';
import type { TestHost } from '../helpers/hostHarness';
import { Api, startPipelineHost } from './pipeline-helpers';

let host: TestHost;
let api: Api;
const TEXT = Buffer.from(
  'Doctor: Any cough?\nPatient: I have a dry cough for a week but no fever.\nDoctor: Take honey and rest.\n',
);
const awaiting = (view: { runtime: { customStatus: { stage: string } | null } | null }) =>
  view.runtime?.customStatus?.stage === 'awaiting-review';

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
});
afterAll(async () => host?.stop());

describe('pipeline on the embedded host: review, failure, delete', () => {
  it('with review the instance waits; changes with an edited note keep it waiting; an approval completes it', async () => {
    const { encounterId } = await api.upload(TEXT, { review: 'true', reviewTimeoutHours: '1' });
    const waiting = await api.settle(encounterId, awaiting);
    expect(waiting.runtime?.runtimeStatus).toBe('Running');
    expect(waiting.manifest?.status).toBe('AwaitingReview');
    const note = (await (await api.artifact(encounterId, 'note')).json()) as Note;
    const edited = {
      ...note,
      sections: note.sections.map((s, i) =>
        i === 0
          ? { ...s, sentences: [{ text: 'Dry cough for one week, afebrile.', evidence: ['s2'] }, ...s.sentences] }
          : s,
      ),
    };

    const badEdit = await api.fetch(`/api/encounters/${encounterId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'approve',
        note: { sections: [{ id: 'x', title: 'X', sentences: [{ text: 'Invented.', evidence: ['s99'] }] }] },
      }),
    });
    expect(badEdit.status).toBe(400);

    const changes = await api.fetch(`/api/encounters/${encounterId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'request-changes', reviewer: 'dr-test', note: { sections: edited.sections } }),
    });
    expect(changes.status).toBe(202);
    const stillWaiting = await api.settle(encounterId, (v) => v.runtime?.customStatus?.detail === 'request-changes');
    expect(stillWaiting.runtime).toMatchObject({
      runtimeStatus: 'Running',
      customStatus: { stage: 'awaiting-review' },
    });
    const review = await api.fetch(`/api/encounters/${encounterId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', reviewer: 'dr-test' }),
    });
    expect(review.status).toBe(202);
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Completed');
    expect(done.manifest?.status).toBe('Completed');
    expect(done.runtime?.customStatus?.stage).toBe('completed');
    expect(await (await api.artifact(encounterId, 'note.md')).text()).toContain('Dry cough for one week, afebrile.');
    const bundle = (await (await api.artifact(encounterId, 'fhir')).json()) as {
      entry: Array<{ fullUrl: string; resource: Record<string, unknown> & { resourceType: string } }>;
    };
    const composition = bundle.entry[0]!.resource as unknown as {
      status: string;
      attester: Array<{ party: { display: string } }>;
    };
    expect(composition.status).toBe('final');
    expect(composition.attester[0]!.party.display).toBe('dr-test');
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Provenance')).toHaveLength(2);
    const report = await api.artifact(encounterId, 'report');
    expect(report.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await report.text()).toMatch(/reviewed and approved by dr-test on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const late = await api.fetch(`/api/encounters/${encounterId}/review`, {
      method: 'POST',
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(late.status).toBe(409);
  });

  it('without an answer the durable timer ends it as ReviewExpired', async () => {
    const { encounterId } = await api.upload(Buffer.concat([TEXT, Buffer.from('Patient: Thanks.\n')]), {
      review: 'true',
      reviewTimeoutHours: '0.0008',
    });
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Completed');
    expect(done.manifest?.status).toBe('ReviewExpired');
    expect(done.runtime?.customStatus?.stage).toBe('review-expired');
    expect((await api.artifact(encounterId, 'report')).status).toBe(200);
  });

  it('a corrupt upload ends Failed with a readable reason; the upload remains', async () => {
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37 + 11) % 256));
    const corrupt = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0xa0, 0x0f, 0, 0]),
      Buffer.from('WAVEfmt '),
      garbage,
    ]);
    const { encounterId } = await api.upload(corrupt);
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Failed');
    expect(done.manifest?.status).toBe('Failed');
    expect(done.manifest?.error?.stage).toBe('transcribe');
    expect(done.manifest?.error?.message.length).toBeGreaterThan(5);
    expect(done.runtime?.customStatus).toMatchObject({ stage: 'failed' });
    const input = done.manifest!.input;
    const blobs = BlobServiceClient.fromConnectionString(host.connectionString);
    expect(await blobs.getContainerClient(input.container).getBlobClient(input.name).exists()).toBe(true);
  });

  it('a failure in a later stage keeps what earlier stages saved (note.json damaged during review → recording the approval fails)', async () => {
    const { encounterId } = await api.upload(Buffer.from('Doctor: Any pain?\nPatient: Some knee pain when I walk.\n'), {
      review: 'true',
    });
    await api.settle(encounterId, awaiting);
    const blobs = BlobServiceClient.fromConnectionString(host.connectionString);
    await blobs.getContainerClient('encounters').getBlockBlobClient(`${encounterId}/note.json`).upload('{"broken', 8);
    const approve = await api.fetch(`/api/encounters/${encounterId}/review`, {
      method: 'POST',
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(approve.status).toBe(202);
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Failed');
    expect(done.manifest?.status).toBe('Failed');
    expect(done.manifest?.error).toMatchObject({ stage: 'review', code: 'InvalidArtifact' });
    expect(done.runtime?.customStatus).toMatchObject({
      stage: 'failed',
      detail: expect.stringContaining('InvalidArtifact'),
    });
    for (const name of ['transcript', 'health', 'fhir', 'note.md'])
      expect((await api.artifact(encounterId, name)).status).toBe(200);
    expect((await api.artifact(encounterId, 'report')).status).toBe(404);
  });

  it('silent audio fails at transcription with the reason', async () => {
    const { encounterId } = await api.upload(await makeSilence());
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Failed');
    expect(done.manifest?.error).toMatchObject({ stage: 'transcribe' });
    expect(done.manifest?.error?.message).toMatch(/\w+ \w+/);
  });

  it('a bad pdf fails at intake with InvalidDocument', async () => {
    const { encounterId } = await api.upload(Buffer.from('%PDF-1.4\nthis is not really a pdf\n'));
    const done = await api.settle(encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Failed');
    expect(done.manifest?.error).toMatchObject({ stage: 'extractDocument', code: 'InvalidDocument' });
  });

  it('DELETE purges the instance, the outputs and the upload', async () => {
    const { encounterId } = await api.upload(Buffer.from('Doctor: Any rash?\nPatient: A small rash on my arm.\n'));
    const done = await api.settle(encounterId);
    const input = done.manifest!.input;
    const response = await api.fetch(`/api/encounters/${encounterId}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ encounterId, instancesDeleted: 1 });
    expect((await api.fetch(`/api/encounters/${encounterId}`)).status).toBe(404);
    const blobs = BlobServiceClient.fromConnectionString(host.connectionString);
    expect(await blobs.getContainerClient(input.container).getBlobClient(input.name).exists()).toBe(false);
    const left: string[] = [];
    for await (const blob of blobs.getContainerClient('encounters').listBlobsFlat({ prefix: `${encounterId}/` }))
      left.push(blob.name);
    expect(left).toEqual([]);
  });
});

/** Two seconds of digital silence, 16 kHz mono wav (sox). */
async function makeSilence(): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'clinscribe-silence-'));
  try {
    const file = join(dir, 'silence.wav');
    await promisify(execFile)('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file, 'trim', '0', '2']);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
