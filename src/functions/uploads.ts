import './lib/enableHttpStream';

import { createHash } from 'node:crypto';

import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { blobTriggerSource, loadConfig } from '../config';
import { sniffType } from '../engines/documents/sniffType';
import { NonRetriableError, toError } from '../errors';
import { log } from '../log';
import { Containers } from '../model/names';
import type { EncounterOptions } from '../model/pipeline';
import { ensureContainers } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { createManifest } from '../store/manifestStore';
import { newManifest } from '../store/manifestUpdates';
import { encounterId } from './lib/encounterId';
import { optionsFromMetadata } from './lib/parseOptions';
import { startEncounter } from './lib/startEncounter';

interface BlobTriggerMetadata {
  name?: string;
  properties?: { eTag?: string; etag?: string; ETag?: string };
  metadata?: Record<string, string>;
}

/**
 * A new blob in `uploads/` starts its encounter. Delivery is at-least-once: the instance id derives from the blob's
 * container, name and etag, so a repeated delivery finds the running (or finished) instance and starts nothing.
 */
export async function uploadTrigger(blob: unknown, context: InvocationContext): Promise<void> {
  const meta = context.triggerMetadata as BlobTriggerMetadata | undefined;
  const name = meta?.name;
  if (!name) throw new Error('Blob trigger without a blob name');
  const blobs = getBlobServiceClient();
  await ensureContainers(blobs, [Containers.uploads, Containers.encounters]);
  // The trigger metadata carries the etag on Azure; reading the properties also gets the upload's metadata.
  const properties = await blobs
    .getContainerClient(Containers.uploads)
    .getBlobClient(name)
    .getProperties()
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return undefined; // deleted since (an encounter's purge, a discarded upload)
      throw error;
    });
  if (!properties) {
    log.info('upload.gone', { reason: 'deleted before processing' });
    return;
  }
  const etag = meta?.properties?.eTag ?? meta?.properties?.etag ?? meta?.properties?.ETag ?? properties.etag;
  if (!etag) throw new Error('Blob trigger without an etag');
  const content = Buffer.isBuffer(blob) ? blob : Buffer.from(blob as Uint8Array);
  const facts = () => ({
    type: sniffType(content.subarray(0, 512)) ?? (content.length === 0 ? 'empty' : 'unknown'),
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  });
  let options: EncounterOptions;
  try {
    options = optionsFromMetadata(properties.metadata ?? meta?.metadata);
  } catch (error) {
    // Bad options are the uploader's to fix: a Failed encounter says so (listed, with the reason); nothing runs.
    const { code, message } = toError(error);
    const id = encounterId(Containers.uploads, name, etag);
    const input = { container: Containers.uploads, name, etag, ...facts() };
    const manifest = newManifest(id, input, {}, new Date().toISOString());
    await createManifest(blobs, { ...manifest, status: 'Failed', error: { stage: 'intake', code, message } });
    log.warn('upload.rejected', { encounterId: id, code });
    return;
  }
  const result = await startEncounter(df.getClient(context), blobs, loadConfig(), {
    container: Containers.uploads,
    name,
    etag,
    options,
    facts,
  }).catch((error: unknown) => {
    // Refused at intake (the manifest says why): retrying the trigger would refuse again.
    if (error instanceof NonRetriableError) return undefined;
    throw error;
  });
  if (result && !result.started) log.info('upload.duplicate', { encounterId: result.encounterId });
}

// Where Event Grid delivers (Flex Consumption: BLOB_TRIGGER_SOURCE=EventGrid, set by infra/), uploadsEvent.ts takes
// the BlobCreated event instead: a blob trigger would load the whole upload into memory. The embedded host polls.
if (blobTriggerSource() !== 'EventGrid')
  app.storageBlob('uploads', {
    path: `${Containers.uploads}/{name}`,
    connection: 'AzureWebJobsStorage',
    extraInputs: [df.input.durableClient()],
    handler: uploadTrigger,
  });
