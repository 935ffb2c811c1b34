import type { BlobServiceClient } from '@azure/storage-blob';

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

/** A page of encounters (by id order, as storage lists them) and the token of the next page. */
export async function listEncounters(
  blobs: BlobServiceClient,
  pageSize: number,
  continuationToken?: string,
): Promise<{ items: EncounterSummary[]; continuationToken?: string }> {
  const container = blobs.getContainerClient(Containers.encounters);
  if (!(await container.exists())) return { items: [] };
  const page = await container
    .listBlobsByHierarchy('/')
    .byPage({ maxPageSize: pageSize, continuationToken: continuationToken || undefined })
    .next();
  if (page.done) return { items: [] };
  const ids = (page.value.segment.blobPrefixes ?? []).map((p) => p.name.replace(/\/$/, '')).filter(isEncounterId);
  const manifests = await Promise.all(ids.map((id) => readManifest(blobs, id)));
  const items = manifests.filter((m): m is Manifest => m !== undefined).map(toSummary);
  return { items, continuationToken: page.value.continuationToken || undefined };
}
