import type { BlobServiceClient } from '@azure/storage-blob';

import { NonRetriableError } from '../errors';
import { type Manifest, ManifestSchema } from '../model/manifest';
import { artifactRef } from './artifacts';
import { readJson, streamToBuffer } from './blobIo';
import { applyPatch, type ManifestPatch } from './manifestUpdates';
import { guardWrite } from './tombstones';

const MAX_CONFLICTS = 20;

const manifestBlob = (service: BlobServiceClient, encounterId: string) => {
  const ref = artifactRef(encounterId, 'manifest');
  return service.getContainerClient(ref.container).getBlockBlobClient(ref.name);
};

const upload = (
  service: BlobServiceClient,
  manifest: Manifest,
  conditions: { ifMatch?: string; ifNoneMatch?: string },
) => {
  const body = JSON.stringify(manifest, null, 2);
  return guardWrite(service, artifactRef(manifest.encounterId, 'manifest'), () =>
    manifestBlob(service, manifest.encounterId).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
      conditions,
    }),
  );
};

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/** The manifest, or undefined when the encounter has none. */
export async function readManifest(service: BlobServiceClient, encounterId: string): Promise<Manifest | undefined> {
  try {
    return await readJson(service, artifactRef(encounterId, 'manifest'), ManifestSchema);
  } catch (error) {
    if ((error as { code?: string }).code === 'BlobNotFound') return undefined;
    throw error;
  }
}

/** Writes the manifest only if none exists (a re-delivered trigger keeps the first); returns the stored one. */
export async function createManifest(service: BlobServiceClient, manifest: Manifest): Promise<Manifest> {
  try {
    await upload(service, manifest, { ifNoneMatch: '*' });
    return manifest;
  } catch (error) {
    if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
    return (await readManifest(service, manifest.encounterId)) ?? manifest;
  }
}

/**
 * Applies a patch with optimistic concurrency: read with its etag, write with If-Match, re-read on 412. Fan-out
 * activities update the same manifest at once; none of their changes is lost.
 */
export async function updateManifest(
  service: BlobServiceClient,
  encounterId: string,
  patch: ManifestPatch,
): Promise<Manifest> {
  const client = manifestBlob(service, encounterId);
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    let etag: string | undefined;
    let current: Manifest;
    try {
      const response = await client.download();
      etag = response.etag;
      const text = (await streamToBuffer(response.readableStreamBody)).toString('utf8');
      current = ManifestSchema.parse(JSON.parse(text));
    } catch (error) {
      if (statusOf(error) === 404)
        throw new NonRetriableError('ManifestNotFound', `Encounter ${encounterId} has no manifest`, error);
      throw error;
    }
    const next = applyPatch(current, patch, new Date().toISOString());
    try {
      await upload(service, next, { ifMatch: etag });
      return next;
    } catch (error) {
      if (statusOf(error) !== 412) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
  throw new Error(`Manifest of ${encounterId}: too many concurrent updates`);
}
