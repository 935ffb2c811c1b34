import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';

import type { BlobServiceClient, BlockBlobClient } from '@azure/storage-blob';

import { NonRetriableError, toError } from '../errors';
import type { BlobRef } from '../model/refs';

/** Block size of a streamed upload; at most `CONCURRENCY + 1` of these are held in memory at once. */
const BLOCK_BYTES = 4 * 1024 * 1024;
const CONCURRENCY = 2;

export interface StreamedBlob {
  ref: BlobRef;
  size: number;
  sha256: string;
}

export interface UploadStreamOptions {
  /** Bytes allowed; one more aborts the upload with `TooLarge` (413). */
  maxBytes: number;
  contentType: string;
  /**
   * Called once the source has ended, before the block list is committed: its metadata is committed with the
   * blob. A rejection aborts the upload (e.g. invalid options that arrive after the file in a multipart body).
   */
  beforeCommit?: () => Promise<Record<string, string>>;
  /** Slowest average rate accepted once `MIN_RATE_GRACE_MS` have passed (default 8 KB/s); slower is `UploadTooSlow`. */
  minBytesPerSecond?: number;
  /** Clock (tests). */
  now?: () => number;
}

/**
 * A slow upload is given time in proportion to its size — `maxBytes / minBytesPerSecond`, e.g. 1 GB at 8 KB/s is
 * 36 hours — instead of a fixed request timeout; a trickle below that rate (a stalled or hostile client holding a
 * connection and a partial blob) is cut off once the grace period has passed.
 */
export const DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND = 8 * 1024;
const MIN_RATE_GRACE_MS = 60_000;

/** Counts and hashes what passes; fails past the limit; holds the end until `beforeCommit` has answered. */
class UploadMeter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private readonly started: number;
  constructor(
    private readonly maxBytes: number,
    private readonly beforeEnd: () => Promise<void>,
    private readonly minRate = DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.started = now();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new NonRetriableError('TooLarge', `The upload exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    const elapsed = this.now() - this.started;
    if (elapsed > MIN_RATE_GRACE_MS && (this.size * 1000) / elapsed < this.minRate) {
      callback(new NonRetriableError('UploadTooSlow', `The upload is slower than ${this.minRate} bytes per second`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    this.beforeEnd().then(
      () => callback(),
      (error: unknown) => callback(toError(error)),
    );
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Streams `head` then the rest of `source` into a block blob with `uploadStream` (bounded buffers: the upload never
 * sits whole in memory), enforcing `maxBytes` and computing sha256 on the way. The block list is committed only
 * after the whole source was read and `beforeCommit` answered, so a failure at any point leaves no blob behind; the
 * blocks it staged are discarded too (they would otherwise hold the partial upload — PHI — for days). Rejects with the first error (`TooLarge`, the source's error, or storage's).
 */
export async function uploadBlobStream(
  service: BlobServiceClient,
  ref: Omit<BlobRef, 'etag'>,
  head: Buffer,
  source: Readable,
  options: UploadStreamOptions,
): Promise<StreamedBlob> {
  const client = service.getContainerClient(ref.container).getBlockBlobClient(ref.name);
  const metadata: Record<string, string> = {};
  const meter = new UploadMeter(
    options.maxBytes,
    async () => {
      // The SDK reads the metadata when it commits, which happens only after this stream has ended.
      Object.assign(metadata, (await options.beforeCommit?.()) ?? {});
    },
    options.minBytesPerSecond,
    options.now,
  );
  // Errors surface through uploadStream's rejection and `meter.errored`; this keeps an early one (a head already
  // over the limit) from being an unhandled 'error' event before uploadStream listens.
  meter.on('error', () => undefined);
  const onSourceError = (error: unknown) => meter.destroy(toError(error));
  source.once('error', onSourceError);
  meter.write(head);
  if (source.readableEnded) meter.end();
  else source.pipe(meter);
  try {
    const response = await client.uploadStream(meter, BLOCK_BYTES, CONCURRENCY, {
      blobHTTPHeaders: { blobContentType: options.contentType },
      metadata,
    });
    if (!response.etag) throw new Error('Storage returned no etag for the upload');
    return { ref: { ...ref, etag: response.etag }, size: meter.size, sha256: meter.digest() };
  } catch (error) {
    source.unpipe(meter);
    meter.destroy();
    await discardStagedBlocks(client);
    throw meter.errored ?? error;
  } finally {
    source.off('error', onSourceError);
  }
}

/**
 * Drops a failed upload's staged blocks: storage keeps uncommitted blocks for a week and offers no call to delete
 * them, but committing an empty block list replaces them, and the empty blob is then deleted. The name is the
 * upload's own fresh one, so nothing else is touched.
 */
async function discardStagedBlocks(client: BlockBlobClient): Promise<void> {
  try {
    const staged = await client.getBlockList('uncommitted').catch(() => undefined);
    if (staged?.uncommittedBlocks?.length) await client.commitBlockList([]);
  } catch {
    // best effort: the delete below still runs
  }
  await client.deleteIfExists({ deleteSnapshots: 'include' }).catch(() => undefined);
}
