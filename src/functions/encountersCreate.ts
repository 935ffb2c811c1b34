import './lib/enableHttpStream';

import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { loadConfig } from '../config';
import { NonRetriableError } from '../errors';
import { routeAuthLevel } from '../identity/resolveCaller';
import { Containers } from '../model/names';
import { ensureContainers } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { encounterUrls, STATUS_RETRY_AFTER_SECONDS } from './lib/encounterUrls';
import { type AccessSpec, guardedAccess } from './lib/guardedAccess';
import { json } from './lib/httpResponses';
import { receiveUpload } from './lib/receiveUpload';
import { startEncounter } from './lib/startEncounter';

/**
 * `POST /api/encounters`: streams the upload into `uploads/` under a generated name (never the client's file name),
 * with its options as blob metadata, starts the pipeline, and answers 202 with the encounter's own URLs
 * (`encounterUri`, and `statusQueryGetUri` = `…/{id}/status`, also in `Location`) — never management URLs.
 */
export async function createEncounter(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const spec: AccessSpec = { route: 'encounters.create', permission: 'encounter.upload', audit: 'encounter.upload' };
  return guardedAccess(request, spec, async (principal) => {
    const config = loadConfig();
    const maxBytes = config.settings.MAX_UPLOAD_BYTES;
    const body = request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : undefined;
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      body?.resume(); // discard, so the client gets the answer
      throw new NonRetriableError('TooLarge', `The upload exceeds the limit of ${maxBytes} bytes`);
    }
    if (!body) throw new NonRetriableError('InvalidRequest', 'The request has no body');

    const blobs = getBlobServiceClient();
    await ensureContainers(blobs, [Containers.uploads, Containers.encounters]);
    const query = Object.fromEntries(request.query);
    const upload = await receiveUpload(blobs, body, request.headers.get('content-type'), query, maxBytes);
    const client = df.getClient(context);
    const { encounterId } = await startEncounter(client, blobs, config, {
      container: Containers.uploads,
      name: upload.name,
      etag: upload.etag,
      options: upload.options,
      facts: () => ({ type: upload.type, size: upload.size, sha256: upload.sha256 }),
      owner: { id: principal.id, group: principal.groups[0] },
    });
    spec.encounterId = encounterId;
    // Our own URLs only: the Durable check-status payload would hand a function-key caller the system key.
    const { encounterUri, statusUri } = encounterUrls(request, encounterId);
    return json(
      202,
      { id: encounterId, encounterId, encounterUri, statusQueryGetUri: statusUri },
      { Location: statusUri, 'Retry-After': String(STATUS_RETRY_AFTER_SECONDS) },
    );
  });
}

app.http('encountersCreate', {
  methods: ['POST'],
  route: 'encounters',
  authLevel: routeAuthLevel(),
  extraInputs: [df.input.durableClient()],
  handler: createEncounter,
});
