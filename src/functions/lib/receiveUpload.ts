import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

import type { BlobServiceClient } from '@azure/storage-blob';
import busboy from 'busboy';

import { CONTENT_TYPE_OF, type InputType, sniffType, unsupportedReason } from '../../engines/documents/sniffType';
import { NonRetriableError } from '../../errors';
import { Containers } from '../../model/names';
import type { EncounterOptions } from '../../model/pipeline';
import { uploadBlobStream } from '../../store/uploadBlobStream';
import { declaredTypeMatches } from './declaredTypeMatches';
import { OPTIONS_METADATA_KEY, parseOptions } from './parseOptions';
import { takeHead } from './takeHead';

/** Bytes the type is sniffed from before anything is stored. */
const SNIFF_BYTES = 512;

/** An upload committed to `uploads/`: what `startEncounter` needs, computed while streaming. */
export interface ReceivedUpload {
  name: string;
  etag: string;
  size: number;
  sha256: string;
  type: InputType;
  options: EncounterOptions;
}

/**
 * Streams the body of `POST /api/encounters` into `uploads/<uuid>.<type>`: a raw body (options in the query) or
 * multipart/form-data (the first file part; text fields before or after it are options, over the query's). The type
 * is sniffed from the first bytes and must agree with the declared one; the size limit is enforced while streaming;
 * the blob is committed only once the body is complete and the options are valid, so a rejected upload leaves
 * nothing behind. On failure the rest of the body is drained (discarded) so the error response can be delivered.
 */
export async function receiveUpload(
  blobs: BlobServiceClient,
  body: Readable,
  contentType: string | null,
  query: Record<string, string>,
  maxBytes: number,
): Promise<ReceivedUpload> {
  try {
    if (contentType && /^multipart\/form-data/i.test(contentType))
      return await receiveMultipart(blobs, body, contentType, query, maxBytes);
    const options = parseOptions(query);
    const head = await takeHead(body, SNIFF_BYTES);
    if (head.length === 0) throw new NonRetriableError('InvalidRequest', 'The request has no body');
    return await storeFile(blobs, head, body, contentType ?? undefined, maxBytes, () => Promise.resolve(options));
  } catch (error) {
    body.unpipe();
    body.on('error', () => undefined); // a client that hangs up while the rest is discarded is no failure of ours
    body.resume();
    throw error;
  }
}

async function storeFile(
  blobs: BlobServiceClient,
  head: Buffer,
  file: Readable,
  declared: string | undefined,
  maxBytes: number,
  options: () => Promise<EncounterOptions>,
): Promise<ReceivedUpload> {
  const type = sniffType(head.subarray(0, SNIFF_BYTES));
  if (!type) {
    const { code, message } = unsupportedReason(head);
    throw new NonRetriableError(code, message);
  }
  if (!declaredTypeMatches(declared, type))
    throw new NonRetriableError(
      'UnsupportedType',
      `The content is ${type}, which does not match the declared type ${declared ?? ''}`,
    );
  let parsed: EncounterOptions | undefined;
  const name = `${randomUUID()}.${type}`;
  const stored = await uploadBlobStream(blobs, { container: Containers.uploads, name }, head, file, {
    maxBytes,
    contentType: CONTENT_TYPE_OF[type],
    beforeCommit: async () => {
      parsed = await options();
      return { [OPTIONS_METADATA_KEY]: JSON.stringify(parsed) };
    },
  });
  return { name, etag: stored.ref.etag!, size: stored.size, sha256: stored.sha256, type, options: parsed! };
}

function receiveMultipart(
  blobs: BlobServiceClient,
  body: Readable,
  contentType: string,
  query: Record<string, string>,
  maxBytes: number,
): Promise<ReceivedUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: 4096 } });
  } catch (error) {
    throw new NonRetriableError('InvalidRequest', `Bad multipart request: ${(error as Error).message}`);
  }
  const fields: Record<string, string> = { ...query };
  let stored: Promise<ReceivedUpload> | undefined;
  const result = new Promise<ReceivedUpload>((resolve, reject) => {
    const closed = new Promise<void>((done, fail) => {
      parser.on('close', done);
      parser.on('error', (error: Error) =>
        fail(new NonRetriableError('InvalidRequest', `Bad multipart request: ${error.message}`)),
      );
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, file, info) => {
      stored = (async () => {
        const head = await takeHead(file, SNIFF_BYTES);
        if (head.length === 0) throw new NonRetriableError('InvalidRequest', 'The file part is empty');
        // busboy reports text/plain for a part without a type: that says nothing about the content.
        const declared = info.mimeType === 'text/plain' ? undefined : info.mimeType;
        return storeFile(blobs, head, file, declared, maxBytes, async () => {
          await closed; // fields after the file part count too
          return parseOptions(fields);
        });
      })();
      stored.then(resolve, (error: unknown) => {
        file.on('error', () => undefined);
        file.resume();
        reject(error);
      });
    });
    closed.then(() => {
      if (!stored) reject(new NonRetriableError('InvalidRequest', 'The multipart request has no file part'));
    }, reject);
  });
  body.pipe(parser);
  return result.catch((error: unknown) => {
    body.unpipe(parser);
    parser.destroy();
    throw error;
  });
}
