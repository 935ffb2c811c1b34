import type { EventGridEvent } from '@azure/functions';

/** What a `Microsoft.Storage.BlobCreated` event says about an upload: the blob's name and etag, nothing more. */
export interface CreatedBlob {
  name: string;
  etag?: string;
}

const MAX_NAME = 1024;

/**
 * The upload a BlobCreated event of `container` refers to, or undefined for any other event, container or a name
 * that could escape it (`..`, control characters). Pure: events arrive from Event Grid but are still input.
 */
export function createdBlobOf(event: Pick<EventGridEvent, 'eventType' | 'subject' | 'data'>, container: string) {
  if (event.eventType !== 'Microsoft.Storage.BlobCreated') return undefined;
  const prefix = `/blobServices/default/containers/${container}/blobs/`;
  if (!event.subject?.startsWith(prefix)) return undefined;
  const name = event.subject.slice(prefix.length);
  if (!name || name.length > MAX_NAME || name.split('/').includes('..') || /[\u0000-\u001f]/.test(name))
    return undefined;
  const etag = (event.data as { eTag?: unknown } | undefined)?.eTag;
  return { name, etag: typeof etag === 'string' ? etag : undefined } satisfies CreatedBlob;
}
