import { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureContainers } from '../../../src/store/blobIo';
import { uploadBlobStream } from '../../../src/store/uploadBlobStream';
import { startTestStorage } from './azurite';

let storage: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => {
  storage = await startTestStorage();
  await ensureContainers(storage.blobs, ['uploads']);
});
afterAll(async () => storage?.stop());

describe('a rejected upload leaves no staged blocks (issue 10 item 9)', () => {
  // Azurite answers 404 to Get Block List for a blob that has only uncommitted blocks, so this cannot tell staged
  // blocks apart from none there; on Azure it can. It still fails if a blob is left behind.
  it('discards the blocks it staged when the upload goes over the limit, and leaves no blob', async () => {
    const ref = { container: 'uploads', name: 'rejected-upload.wav' };
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 24; i++) yield chunk;
      })(),
    );
    await expect(
      uploadBlobStream(storage.blobs, ref, Buffer.alloc(0), source, {
        maxBytes: 20 * 1024 * 1024,
        contentType: 'audio/wav',
      }),
    ).rejects.toMatchObject({ code: 'TooLarge' });
    const client = storage.blobs.getContainerClient(ref.container).getBlockBlobClient(ref.name);
    const staged = await client.getBlockList('uncommitted').catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return { uncommittedBlocks: [] };
      throw error;
    });
    expect(staged.uncommittedBlocks ?? []).toHaveLength(0);
    expect(await client.exists()).toBe(false);
  });

  it('cuts off an upload slower than the minimum rate once the grace period has passed (issue 10 item 8)', async () => {
    let clock = 0;
    const chunk = Buffer.alloc(64 * 1024, 1);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 40; i++) {
          clock += 10_000; // 64 KB every 10 s: 6.4 KB/s, under the 8 KB/s floor
          yield chunk;
        }
      })(),
    );
    const ref = { container: 'uploads', name: 'slow-upload.wav' };
    await expect(
      uploadBlobStream(storage.blobs, ref, Buffer.alloc(0), source, {
        maxBytes: 100 * 1024 * 1024,
        contentType: 'audio/wav',
        now: () => clock,
      }),
    ).rejects.toMatchObject({ code: 'UploadTooSlow' });
    expect(await storage.blobs.getContainerClient('uploads').getBlobClient(ref.name).exists()).toBe(false);
  });

  it('lets a slow but steady large upload run past any fixed timeout', async () => {
    let clock = 0;
    const chunk = Buffer.alloc(256 * 1024, 2);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 24; i++) {
          clock += 20_000; // 256 KB every 20 s: 12.8 KB/s for 8 minutes
          yield chunk;
        }
      })(),
    );
    const stored = await uploadBlobStream(
      storage.blobs,
      { container: 'uploads', name: 'steady.wav' },
      Buffer.alloc(0),
      source,
      {
        maxBytes: 100 * 1024 * 1024,
        contentType: 'audio/wav',
        now: () => clock,
      },
    );
    expect(stored.size).toBe(24 * 256 * 1024);
  });
});
