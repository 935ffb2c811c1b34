import { app, type EventGridEvent, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { blobTriggerSource, loadConfig } from '../config';
import { NonRetriableError } from '../errors';
import { log } from '../log';
import { Containers } from '../model/names';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { createdBlobOf } from './lib/blobCreatedEvent';
import { optionsFromMetadata } from './lib/parseOptions';
import { startEncounter } from './lib/startEncounter';
import { streamUploadFacts } from './lib/uploadFacts';

/**
 * On Azure (Flex Consumption, BLOB_TRIGGER_SOURCE=EventGrid) a new upload arrives as a BlobCreated event: only its
 * reference, never its bytes (a blob trigger would hand the whole blob, up to 1 GiB, to the worker, in memory more
 * than once). The upload is read as a stream for its type, size and hash; then its encounter starts, once.
 */
export async function uploadsEvent(event: EventGridEvent, context: InvocationContext): Promise<void> {
  const created = createdBlobOf(event, Containers.uploads);
  if (!created) {
    log.warn('upload.eventIgnored', { eventType: event.eventType, eventId: event.id });
    return;
  }
  const blobs = getBlobServiceClient();
  const { etag, metadata, facts } = await streamUploadFacts(blobs, Containers.uploads, created.name);
  const result = await startEncounter(df.getClient(context), blobs, loadConfig(), {
    container: Containers.uploads,
    name: created.name,
    etag: etag || created.etag || '',
    options: optionsFromMetadata(metadata),
    facts: () => facts,
  }).catch((error: unknown) => {
    // Refused at intake (the manifest says why): a redelivery would be refused again.
    if (error instanceof NonRetriableError) return undefined;
    throw error;
  });
  if (result && !result.started) log.info('upload.duplicate', { encounterId: result.encounterId });
}

// Registered only where Event Grid delivers (set by infra/); elsewhere the `uploads` blob trigger polls.
if (blobTriggerSource() === 'EventGrid')
  app.eventGrid('uploadsEvent', { extraInputs: [df.input.durableClient()], handler: uploadsEvent });
