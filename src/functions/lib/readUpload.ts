import { Readable } from 'node:stream';

import busboy from 'busboy';

import { NonRetriableError } from '../../errors';

export interface UploadRequest {
  content: Buffer;
  /** Form fields (multipart) merged over query parameters. */
  fields: Record<string, string>;
}

/**
 * The file and fields of `POST /api/encounters`: multipart/form-data (first file part + text fields) or a raw body
 * with any content type (options in the query string). The declared type is not trusted: content is sniffed later.
 */
export async function readUpload(
  body: Buffer,
  contentType: string | null,
  query: Record<string, string>,
  maxBytes: number,
): Promise<UploadRequest> {
  if (body.length > maxBytes) throw new NonRetriableError('TooLarge', `The upload exceeds ${maxBytes} bytes`);
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) {
    if (body.length === 0) throw new NonRetriableError('InvalidRequest', 'The request has no body');
    return { content: body, fields: { ...query } };
  }
  const fields: Record<string, string> = { ...query };
  const files: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 4096 },
      });
    } catch (error) {
      reject(new NonRetriableError('InvalidRequest', `Bad multipart request: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('end', () => files.push(Buffer.concat(parts)));
    });
    parser.on('error', (error: Error) =>
      reject(new NonRetriableError('InvalidRequest', `Bad multipart request: ${error.message}`)),
    );
    parser.on('close', () => resolve());
    Readable.from([body]).pipe(parser);
  });
  const content = files[0];
  if (!content || content.length === 0)
    throw new NonRetriableError('InvalidRequest', 'The multipart request has no file part');
  return { content, fields };
}
