import type { BlobServiceClient } from '@azure/storage-blob';

import { NonRetriableError } from '../../errors';
import type { Manifest } from '../../model/manifest';
import { Containers } from '../../model/names';
import { isEncounterId } from '../../store/artifacts';
import { readManifest } from '../../store/manifestStore';

/** One row of `GET /api/encounters`: status and timing, no content. */
export interface EncounterSummary {
  encounterId: string;
  status: Manifest['status'];
  createdAt: string;
  updatedAt: string;
  type?: string;
  size?: number;
  /** Seconds of audio (0 for documents), once transcribed. */
  duration?: number;
  error?: Manifest['error'];
}

export const toSummary = (m: Manifest): EncounterSummary => ({
  encounterId: m.encounterId,
  status: m.status,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
  type: m.input.type,
  size: m.input.size,
  duration: m.duration,
  error: m.error,
});

/** Storage markers are short printable tokens; anything else is refused before it reaches storage. */
const TOKEN = /^[\x21-\x7e]{1,1024}$/;
const badToken = () => new NonRetriableError('InvalidRequest', 'The continuationToken is not valid');

/** A page of encounters (by id order, as storage lists them) and the token of the next page. */
export async function listEncounters(
  blobs: BlobServiceClient,
  pageSize: number,
  continuationToken?: string,
  /** Which encounters the caller may see (identity scope); a page can then hold fewer than `pageSize`. */
  visible: (manifest: Manifest) => boolean = () => true,
): Promise<{ items: EncounterSummary[]; continuationToken?: string }> {
  if (continuationToken && !TOKEN.test(continuationToken)) throw badToken();
  const container = blobs.getContainerClient(Containers.encounters);
  if (!(await container.exists())) return { items: [] };
  const page = await container
    .listBlobsByHierarchy('/')
    .byPage({ maxPageSize: pageSize, continuationToken: continuationToken || undefined })
    .next()
    .catch((error: unknown) => {
      // A token storage refuses is the caller's mistake (400), not a server failure (500).
      if (continuationToken && (error as { statusCode?: number }).statusCode) throw badToken();
      throw error;
    });
  if (page.done) return { items: [] };
  const ids = (page.value.segment.blobPrefixes ?? []).map((p) => p.name.replace(/\/$/, '')).filter(isEncounterId);
  const manifests = await Promise.all(ids.map((id) => readManifest(blobs, id)));
  const items = manifests.filter((m): m is Manifest => m !== undefined && visible(m)).map(toSummary);
  return { items, continuationToken: page.value.continuationToken || undefined };
}
