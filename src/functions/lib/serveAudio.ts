import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { BlobServiceClient } from '@azure/storage-blob';

import { readManifest } from '../../store/manifestStore';
import { parseByteRange } from './byteRange';
import { problem } from './httpResponses';

/** Audio content types by sniffed upload type; documents have no audio. */
const AUDIO_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  webm: 'audio/webm',
};

/**
 * `GET /api/encounters/{id}/audio`: the uploaded recording, streamed with single-range support (206) so an
 * `<audio>` element can seek. The upload's own name never appears in the response.
 */
export async function serveAudio(
  blobs: BlobServiceClient,
  request: HttpRequest,
  encounterId: string,
): Promise<HttpResponseInit> {
  const manifest = await readManifest(blobs, encounterId);
  const contentType = AUDIO_TYPES[manifest?.input.type ?? ''];
  if (!manifest || !contentType) return problem(404, 'NotFound', 'This encounter has no audio');
  const blob = blobs.getContainerClient(manifest.input.container).getBlockBlobClient(manifest.input.name);
  let size: number;
  try {
    size = (await blob.getProperties()).contentLength ?? 0;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return problem(404, 'NotFound', 'The audio is gone');
    throw error;
  }
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseByteRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } };
  const start = range?.start ?? 0;
  const count = range ? range.end - range.start + 1 : size;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  headers['Content-Length'] = String(count);
  if (count === 0) return { status: 200, headers, body: '' };
  const download = await blob.download(start, count);
  const stream = download.readableStreamBody as Readable;
  return {
    status: range ? 206 : 200,
    headers,
    body: Readable.toWeb(stream) as WebReadableStream<Uint8Array> as ReadableStream<Uint8Array>,
  };
}
