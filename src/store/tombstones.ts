import type { BlobServiceClient } from '@azure/storage-blob';

import { NonRetriableError } from '../errors';
import { Containers } from '../model/names';
import type { BlobRef } from '../model/refs';
import { ENCOUNTER_ID_PATTERN } from '../model/stepInputs';

/**
 * Deletion is final (DESIGN.md §7): `DELETE` leaves a tombstone (an empty blob named by the id, no content) outside
 * the encounter's folder, and every write into an encounter's folder checks it before and after writing. A step
 * still running when its encounter is deleted thus writes nothing that stays: before, it is refused; if the delete
 * came between the check and the write, the second check removes what was written (and if the delete came after
 * the second check, the delete's own sweep, which runs after the tombstone is written, removes it).
 */
const TOMBSTONES = 'deleted/';

export const tombstoneRef = (encounterId: string): BlobRef => ({
  container: Containers.encounters,
  name: `${TOMBSTONES}${encounterId}`,
});

/** The encounter whose folder `ref` is in, if any. */
export function encounterOfRef(ref: BlobRef): string | undefined {
  if (ref.container !== Containers.encounters) return undefined;
  const id = ref.name.slice(0, ref.name.indexOf('/'));
  return ENCOUNTER_ID_PATTERN.test(id) ? id : undefined;
}

const client = (service: BlobServiceClient, encounterId: string) => {
  const ref = tombstoneRef(encounterId);
  return service.getContainerClient(ref.container).getBlockBlobClient(ref.name);
};

export async function writeTombstone(service: BlobServiceClient, encounterId: string): Promise<void> {
  await client(service, encounterId).upload('', 0);
}

export async function isDeleted(service: BlobServiceClient, encounterId: string): Promise<boolean> {
  return client(service, encounterId).exists();
}

const deletedError = () => new NonRetriableError('EncounterDeleted', 'The encounter was deleted');

/** Runs a write into `ref` unless its encounter is deleted; undoes it if the encounter was deleted meanwhile. */
export async function guardWrite<T>(service: BlobServiceClient, ref: BlobRef, write: () => Promise<T>): Promise<T> {
  const id = encounterOfRef(ref);
  if (!id) return write();
  if (await isDeleted(service, id)) throw deletedError();
  const result = await write();
  if (await isDeleted(service, id)) {
    await service.getContainerClient(ref.container).getBlobClient(ref.name).deleteIfExists();
    throw deletedError();
  }
  return result;
}
