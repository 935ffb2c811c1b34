import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Containers } from '../../../src/model/names';
import { artifactRef } from '../../../src/store/artifacts';
import { ensureContainers, openRead, writeJson } from '../../../src/store/blobIo';
import { createManifest, updateManifest } from '../../../src/store/manifestStore';
import { newManifest } from '../../../src/store/manifestUpdates';
import { guardWrite, writeTombstone } from '../../../src/store/tombstones';
import { startTestStorage } from './azurite';

let storage: Awaited<ReturnType<typeof startTestStorage>>;
beforeAll(async () => {
  storage = await startTestStorage();
  await ensureContainers(storage.blobs, [Containers.uploads, Containers.encounters]);
});
afterAll(async () => storage?.stop());

const input = { container: 'uploads', name: 'u.txt', etag: '"1"', sha256: 'a', size: 1, type: 'txt' };

describe('deletion is final: tombstones (issue 10 item 3)', () => {
  it('refuses every write into a deleted encounter, artifacts and manifest alike', async () => {
    const id = 'enc-0000d001';
    await createManifest(storage.blobs, newManifest(id, input, {}, new Date().toISOString()));
    await writeTombstone(storage.blobs, id);
    await expect(writeJson(storage.blobs, artifactRef(id, 'transcript'), { x: 1 })).rejects.toMatchObject({
      code: 'EncounterDeleted',
      retriable: false,
    });
    await expect(updateManifest(storage.blobs, id, { status: 'Running' })).rejects.toMatchObject({
      code: 'EncounterDeleted',
    });
    expect(await openRead(storage.blobs, artifactRef(id, 'transcript'))).toBeUndefined();
  });

  it('removes what a write stored when the delete came between its check and its write', async () => {
    const id = 'enc-0000d002';
    const ref = artifactRef(id, 'transcript');
    await expect(
      guardWrite(storage.blobs, ref, async () => {
        const written = await writeJson(storage.blobs, ref, { phi: 'x' }); // lands before the tombstone
        await writeTombstone(storage.blobs, id); // the DELETE, racing
        return written;
      }),
    ).rejects.toMatchObject({ code: 'EncounterDeleted' });
    expect(await openRead(storage.blobs, ref)).toBeUndefined();
  });

  it('leaves other encounters and other containers alone', async () => {
    await writeTombstone(storage.blobs, 'enc-0000d003');
    await expect(writeJson(storage.blobs, artifactRef('enc-0000d004', 'note'), { ok: 1 })).resolves.toBeDefined();
    await expect(
      writeJson(storage.blobs, { container: Containers.uploads, name: 'enc-0000d003/x.json' }, {}),
    ).resolves.toBeDefined();
  });
});
