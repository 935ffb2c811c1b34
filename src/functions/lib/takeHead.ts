import type { Readable } from 'node:stream';

/**
 * Reads at least `size` bytes from the start of `stream` (fewer if it ends first) and leaves the stream paused
 * where it stopped, so the caller can pipe the rest. The head may be longer than `size` (whole chunks are kept).
 */
export function takeHead(stream: Readable, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(part);
      total += part.length;
      if (total < size) return;
      stream.pause();
      cleanup();
      resolve(Buffer.concat(parts));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(parts));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
