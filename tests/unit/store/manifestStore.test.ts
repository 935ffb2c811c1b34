import type { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Containers } from '../../../src/model/names';
import { TranscriptSchema } from '../../../src/model/transcript';
import { artifactRef } from '../../../src/store/artifacts';
import { deletePrefix, ensureContainers, openRead, readJson, writeBlob, writeJson } from '../../../src/store/blobIo';
import { createBlobServiceClient } from '../../../src/store/blobServiceClient';
import { createManifest, readManifest, updateManifest } from '../../../src/store/manifestStore';
import { newManifest } from '../../../src/store/manifestUpdates';
import { startTestStorage } from './azurite';

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let blobs: BlobServiceClient;
const input = { container: 'uploads', name: 'x.txt', etag: '"e"', type: 'txt' };

beforeAll(async () => {
  storage = await startTestStorage();
  blobs = storage.blobs;
  await ensureContainers(blobs, [Containers.encounters, Containers.uploads]);
});
afterAll(async () => storage?.stop());

describe('manifest store (Azurite)', () => {
  it('creates a manifest once: a second create keeps the first', async () => {
    const first = newManifest('enc-00000001', input, { template: 'soap' }, '2026-01-01T00:00:00.000Z');
    await createManifest(blobs, first);
    const again = await createManifest(blobs, {
      ...first,
      options: { template: 'hp' },
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    expect(again.options).toEqual({ template: 'soap' });
    expect((await readManifest(blobs, 'enc-00000001'))?.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('loses no update when 12 writers patch the same manifest at once (etag concurrency)', async () => {
    await createManifest(blobs, newManifest('enc-00000002', input, {}, new Date().toISOString()));
    const stages = ['transcribe', 'planChunks', 'analyzeHealth', 'buildFhir', 'writeNote', 'finalize'] as const;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        updateManifest(blobs, 'enc-00000002', {
          results: { [`r${i}`]: { container: 'encounters', name: `enc-00000002/r${i}` } },
          ...(i < stages.length
            ? {
                timing: {
                  stage: stages[i]!,
                  startedAt: '2026-01-01T00:00:00.000Z',
                  endedAt: '2026-01-01T00:00:01.000Z',
                },
              }
            : {}),
        }),
      ),
    );
    const manifest = await readManifest(blobs, 'enc-00000002');
    expect(Object.keys(manifest!.results).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `r${i}`).sort());
    expect(manifest!.timings.map((t) => t.stage).sort()).toEqual([...stages].sort());
  });

  it('updating a missing manifest is a non-retriable ManifestNotFound', async () => {
    await expect(updateManifest(blobs, 'enc-0000dead', { status: 'Running' })).rejects.toMatchObject({
      code: 'ManifestNotFound',
      retriable: false,
    });
    expect(await readManifest(blobs, 'enc-0000dead')).toBeUndefined();
  });
});

describe('blob io (Azurite)', () => {
  it('round-trips JSON with schema validation and reports bad artifacts as non-retriable', async () => {
    const ref = artifactRef('enc-00000003', 'transcript');
    const transcript = { duration: 0, locale: 'en-US', engine: 'document-txt', speakers: [], segments: [] };
    const written = await writeJson(blobs, ref, transcript);
    expect(written.etag).toBeTruthy();
    expect(await readJson(blobs, ref, TranscriptSchema)).toEqual(transcript);
    await writeBlob(blobs, ref, '{"duration": -1}');
    await expect(readJson(blobs, ref, TranscriptSchema)).rejects.toMatchObject({
      code: 'InvalidArtifact',
      retriable: false,
    });
    await writeBlob(blobs, ref, 'not json');
    await expect(readJson(blobs, ref, TranscriptSchema)).rejects.toMatchObject({ code: 'InvalidArtifact' });
    await expect(readJson(blobs, artifactRef('enc-00000404', 'note'), TranscriptSchema)).rejects.toMatchObject({
      code: 'BlobNotFound',
    });
  });

  it('streams a blob with its content type, and deletes by prefix only under that prefix', async () => {
    await writeBlob(blobs, artifactRef('enc-00000004', 'report'), '<p>hi</p>');
    await writeBlob(blobs, artifactRef('enc-00000004', 'noteMarkdown'), '# note');
    await writeBlob(blobs, artifactRef('enc-000000045', 'report'), '<p>other</p>');
    const read = await openRead(blobs, artifactRef('enc-00000004', 'report'));
    expect(read?.contentType).toBe('text/html; charset=utf-8');
    const chunks: Buffer[] = [];
    for await (const chunk of read!.stream) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('<p>hi</p>');
    expect(await deletePrefix(blobs, Containers.encounters, 'enc-00000004/')).toBe(2);
    expect(await openRead(blobs, artifactRef('enc-00000004', 'report'))).toBeUndefined();
    expect(await openRead(blobs, artifactRef('enc-000000045', 'report'))).toBeDefined();
  });

  it('connects from the AzureWebJobsStorage connection string, and names what is missing otherwise', async () => {
    const client = createBlobServiceClient({ AzureWebJobsStorage: storage.connectionString });
    expect(await client.getContainerClient(Containers.encounters).exists()).toBe(true);
    expect(
      createBlobServiceClient({ AzureWebJobsStorage__blobServiceUri: 'https://acct.blob.core.windows.net' }).url,
    ).toBe('https://acct.blob.core.windows.net/');
    expect(() => createBlobServiceClient({})).toThrow(/AzureWebJobsStorage/);
  });
});
