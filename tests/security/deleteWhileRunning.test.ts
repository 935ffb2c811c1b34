/**
 * Issue 10 item 3: DELETE while the pipeline runs is final — the step still running when the encounter is deleted
 * writes nothing that stays, the encounter answers 404 and DELETE again 404, and no temp file is left.
 */
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestHost, waitFor } from '../helpers/hostHarness';
import { synthesizeEncounter } from '../helpers/synthesize';
import { Api, startPipelineHost } from '../integration/pipeline-helpers';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinscribe-delete-tmp-'));
let host: TestHost;
let api: Api;
beforeAll(async () => {
  host = await startPipelineHost({ CLINSCRIBE_TEMP_DIR: tempDir });
  api = new Api(host);
}, 120_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('DELETE during processing', () => {
  it('leaves nothing behind, even from the step that was running', async () => {
    const audio = await synthesizeEncounter('enc-cough-uri');
    const { encounterId } = await api.upload(await readFile(audio.wav));
    // Delete while transcription (seconds of work) is under way: its temp folder exists.
    await waitFor(() => fs.readdirSync(tempDir).length > 0, 60_000, 20);
    const deleted = await api.fetch(`/api/encounters/${encounterId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);

    const blobs = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('encounters');
    const leftovers = async () => {
      const names: string[] = [];
      for await (const blob of blobs.listBlobsFlat({ prefix: `${encounterId}/` })) names.push(blob.name);
      return names;
    };
    // Let the interrupted step run to its end (its writes are refused or undone), then look.
    await waitFor(async () => fs.readdirSync(tempDir).length === 0, 120_000, 250);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await leftovers()).toEqual([]);
    expect((await api.fetch(`/api/encounters/${encounterId}`)).status).toBe(404);
    expect((await api.fetch(`/api/encounters/${encounterId}/status`)).status).toBe(404);
    expect((await api.fetch(`/api/encounters/${encounterId}`, { method: 'DELETE' })).status).toBe(404);
  }, 300_000);
});
