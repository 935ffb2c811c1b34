import { createHash } from 'node:crypto';

import type { BlobServiceClient } from '@azure/storage-blob';

import { sniffType } from '../../engines/documents/sniffType';
import type { UploadFacts } from './startEncounter';

const HEAD_BYTES = 512;

/**
 * Type, size and sha256 of an upload, read as a stream (bounded memory whatever its size), with its etag and
 * metadata as of that read.
 */
export async function streamUploadFacts(
  blobs: BlobServiceClient,
  container: string,
  name: string,
): Promise<{ etag: string; metadata: Record<string, string>; facts: UploadFacts }> {
  const download = await blobs.getContainerClient(container).getBlobClient(name).download();
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  for await (const chunk of download.readableStreamBody ?? []) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    if (headBytes < HEAD_BYTES) {
      head.push(buf.subarray(0, HEAD_BYTES - headBytes));
      headBytes += Math.min(buf.length, HEAD_BYTES - headBytes);
    }
  }
  return {
    etag: download.etag ?? '',
    metadata: download.metadata ?? {},
    facts: { type: sniffType(Buffer.concat(head)) ?? 'unknown', size, sha256: hash.digest('hex') },
  };
}
