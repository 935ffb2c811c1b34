import { randomUUID } from 'node:crypto';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { loadConfig } from '../config';
import { CONTENT_TYPE_OF, sniffType } from '../engines/documents/sniffType';
import { NonRetriableError } from '../errors';
import { Containers } from '../model/names';
import { ensureContainers } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { respond } from './lib/httpResponses';
import { OPTIONS_METADATA_KEY, parseOptions } from './lib/parseOptions';
import { readUpload } from './lib/readUpload';
import { startEncounter } from './lib/startEncounter';

/**
 * `POST /api/encounters`: stores the upload in `uploads/` under a generated name (never the client's file name),
 * with its options as blob metadata, starts the pipeline, and answers 202 with the Durable check-status payload.
 */
export async function createEncounter(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  return respond('encounters.create', async () => {
    const config = loadConfig();
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > config.settings.MAX_UPLOAD_BYTES)
      throw new NonRetriableError('TooLarge', `The upload exceeds ${config.settings.MAX_UPLOAD_BYTES} bytes`);
    const body = Buffer.from(await request.arrayBuffer());
    const upload = await readUpload(
      body,
      request.headers.get('content-type'),
      Object.fromEntries(request.query),
      config.settings.MAX_UPLOAD_BYTES,
    );
    const options = parseOptions(upload.fields);
    const type = sniffType(upload.content.subarray(0, 512));
    if (!type)
      throw new NonRetriableError(
        'UnsupportedType',
        'Unsupported content: expected wav, mp3, m4a, ogg, flac, webm, txt, vtt or pdf',
      );

    const blobs = getBlobServiceClient();
    await ensureContainers(blobs, [Containers.uploads, Containers.encounters]);
    const name = `${randomUUID()}.${type}`;
    const uploaded = await blobs
      .getContainerClient(Containers.uploads)
      .getBlockBlobClient(name)
      .uploadData(upload.content, {
        blobHTTPHeaders: { blobContentType: CONTENT_TYPE_OF[type] },
        metadata: { [OPTIONS_METADATA_KEY]: JSON.stringify(options) },
      });
    const client = df.getClient(context);
    const { encounterId } = await startEncounter(client, blobs, config, {
      container: Containers.uploads,
      name,
      etag: uploaded.etag!,
      content: upload.content,
      options,
    });
    const response = client.createCheckStatusResponse(request, encounterId);
    const payload = (await response.json()) as Record<string, unknown>;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const encounterUri = new URL(`/api/encounters/${encounterId}`, request.url).toString();
    return {
      status: 202,
      headers: { ...headers, 'Cache-Control': 'no-store' },
      jsonBody: { ...payload, encounterId, encounterUri },
    };
  });
}

app.http('encountersCreate', {
  methods: ['POST'],
  route: 'encounters',
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: createEncounter,
});
