import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { NonRetriableError } from '../../errors';
import { makeTempDir } from '../../tempFiles';

/** A downloaded file in its own temp folder. */
export interface SavedFile {
  path: string;
  sizeBytes: number;
  sha256: string;
  cleanup(): Promise<void>;
}

class Meter extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new NonRetriableError('AudioTooLarge', `The file is over the ${this.maxBytes}-byte limit.`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Streams a readable (a blob download, an upload) to a temp file, hashing and counting as it goes and stopping as
 * soon as the size limit is passed: a large recording never sits whole in memory.
 */
export async function saveStreamToFile(
  source: NodeJS.ReadableStream,
  options: { maxBytes: number; name?: string; signal?: AbortSignal },
): Promise<SavedFile> {
  const dir = await makeTempDir('in');
  const path = join(dir, options.name ?? 'input.bin');
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const meter = new Meter(options.maxBytes);
  try {
    await pipeline(source, meter, createWriteStream(path), { signal: options.signal });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { path, sizeBytes: meter.bytes, sha256: meter.hash.digest('hex'), cleanup };
}
