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
});
