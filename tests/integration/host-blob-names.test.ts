/**
 * Issue 10 item 6: a blob name storage cannot list (a control character makes Azurite fail the whole listing)
 * must not stop the blob trigger from seeing every other upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listBlobsIsolated } from '../../host/blob/listBlobsIsolated';
import { startTestStorage } from '../unit/store/azurite';

let storage: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(async () => storage?.stop());

describe('listBlobsIsolated', () => {
  it('lists every other blob when one name cannot be listed, and says the listing was partial', async () => {
    const container = storage.blobs.getContainerClient('uploads');
    await container.createIfNotExists();
    const good = ['a visit.txt', 'ctz.txt', 'folder/b.txt', 'z.txt'];
    for (const name of [...good, 'ctl\u0001char.txt']) await container.getBlockBlobClient(name).upload('x', 1);
    await expect(
      (async () => {
        for await (const item of container.listBlobsFlat()) void item;
      })(),
    ).rejects.toBeDefined(); // the plain listing fails: what stopped the trigger
    const seen: string[] = [];
    const listing = await listBlobsIsolated(container, '', async (item) => {
      seen.push(item.name);
    });
    expect([...new Set(seen)].sort()).toEqual(good);
    expect(listing.complete).toBe(false);
    expect(listing.failedParts).toBeGreaterThan(0);
  });

  it('is one plain listing when nothing fails', async () => {
    const container = storage.blobs.getContainerClient('clean');
    await container.createIfNotExists();
    for (const name of ['x.txt', 'y.txt']) await container.getBlockBlobClient(name).upload('x', 1);
    const seen: string[] = [];
    expect(await listBlobsIsolated(container, '', async (item) => void seen.push(item.name))).toEqual({
      failedParts: 0,
      complete: true,
    });
    expect(seen).toEqual(['x.txt', 'y.txt']);
  });
});
