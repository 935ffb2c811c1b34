import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import type { BlobServiceClient } from '@azure/storage-blob';
import type { z } from 'zod';

import { NonRetriableError } from '../errors';
import type { BlobRef } from '../model/refs';
import { contentTypeOf } from './artifacts';
import { guardWrite } from './tombstones';

const blob = (service: BlobServiceClient, ref: BlobRef) =>
  service.getContainerClient(ref.container).getBlockBlobClient(ref.name);

/** Creates the containers the app writes to (idempotent). */
export async function ensureContainers(service: BlobServiceClient, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => service.getContainerClient(name).createIfNotExists()));
}

/** Reads a blob fully. A missing blob is a NonRetriableError (`BlobNotFound`): retrying will not create it. */
export async function readBuffer(service: BlobServiceClient, ref: BlobRef): Promise<Buffer> {
  try {
    // One GET (not downloadToBuffer's size probe + ranged reads): a concurrent overwrite cannot mix two versions.
    return await streamToBuffer((await blob(service, ref).download()).readableStreamBody);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      // Never the name: upload names can carry a patient's name, and this message reaches the manifest.
      throw new NonRetriableError('BlobNotFound', `A blob of the ${ref.container} container does not exist`, error);
    }
    throw error;
  }
}

/** Reads and validates a JSON blob; a blob that fails its schema is a NonRetriableError (`InvalidArtifact`). */
export async function readJson<T extends z.ZodTypeAny>(
  service: BlobServiceClient,
  ref: BlobRef,
  schema: T,
): Promise<z.infer<T>> {
  const text = (await readBuffer(service, ref)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NonRetriableError('InvalidArtifact', `Blob ${ref.name} is not JSON`, error);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new NonRetriableError(
      'InvalidArtifact',
      `Blob ${ref.name} does not match its schema: ${result.error.issues[0]?.message ?? ''}`,
    );
  }
  return result.data as z.infer<T>;
}

/**
 * Writes (overwrites) a blob and returns its reference with the new etag: re-running a write is harmless. Never
 * into a deleted encounter (`EncounterDeleted`, see tombstones).
 */
export async function writeBlob(
  service: BlobServiceClient,
  ref: BlobRef,
  body: string | Buffer,
  contentType = contentTypeOf(ref.name),
): Promise<BlobRef> {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const response = await guardWrite(service, ref, () =>
    blob(service, ref).upload(data, data.length, { blobHTTPHeaders: { blobContentType: contentType } }),
  );
  return { container: ref.container, name: ref.name, etag: response.etag };
}

export async function writeJson(service: BlobServiceClient, ref: BlobRef, value: unknown): Promise<BlobRef> {
  return writeBlob(service, ref, JSON.stringify(value, null, 2));
}

/** Streams a blob into a local file (audio can be large: never buffered whole). */
export async function downloadToFile(service: BlobServiceClient, ref: BlobRef, path: string): Promise<void> {
  const response = await blob(service, ref).download();
  if (!response.readableStreamBody) throw new NonRetriableError('BlobNotFound', 'The blob has no content');
  await pipeline(response.readableStreamBody, createWriteStream(path));
}

/** A readable stream of a blob plus its length and type, for HTTP responses; undefined when absent. */
export async function openRead(
  service: BlobServiceClient,
  ref: BlobRef,
): Promise<{ stream: NodeJS.ReadableStream; contentType: string; length?: number } | undefined> {
  try {
    const response = await blob(service, ref).download();
    if (!response.readableStreamBody) return undefined;
    return {
      stream: response.readableStreamBody,
      contentType: response.contentType ?? contentTypeOf(ref.name),
      length: response.contentLength,
    };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** Deletes every blob whose name starts with `prefix`; returns how many. */
export async function deletePrefix(service: BlobServiceClient, container: string, prefix: string): Promise<number> {
  const client = service.getContainerClient(container);
  let count = 0;
  for await (const item of client.listBlobsFlat({ prefix })) {
    await client.deleteBlob(item.name, { deleteSnapshots: 'include' }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
    count++;
  }
  return count;
}

export async function deleteBlobIfExists(service: BlobServiceClient, ref: BlobRef): Promise<boolean> {
  const response = await blob(service, ref).deleteIfExists({ deleteSnapshots: 'include' });
  return response.succeeded;
}

/** Collects a response stream. */
export async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(typeof part === 'string' ? Buffer.from(part) : part);
  return Buffer.concat(parts);
}
