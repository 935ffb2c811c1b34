import { type BlobItem, ContainerClient } from '@azure/storage-blob';

/** Characters a fallback listing partitions by: printable ASCII, where names almost always diverge. */
const PARTITION_CHARS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
/** Bounds of the fallback per scan: a pathological container is skipped partly rather than stalling the host. */
const MAX_DEPTH = 24;
const MAX_REQUESTS = 3000;

export interface IsolatedListing {
  /** Listings storage refused (each split into smaller ones, or given up at the bounds). */
  failedParts: number;
  /** Whether every blob was listed (receipts of absent blobs may then be pruned). */
  complete: boolean;
}

/**
 * Lists a container's blobs under `prefix` so that one unlistable name cannot stop the others: storage (Azurite)
 * fails a whole listing when one blob name holds a control character. On a failure the listing is split by the
 * next character of the name and each part listed alone, down to the part holding the bad name, which is skipped.
 * Items may repeat across the fallback (callers are idempotent per blob + etag).
 */
export async function listBlobsIsolated(
  container: ContainerClient,
  prefix: string,
  onItem: (item: BlobItem) => Promise<void>,
  isStopped: () => boolean = () => false,
): Promise<IsolatedListing> {
  const state = { failedParts: 0, requests: 0, complete: true };
  // One try per listing: the SDK's retries of a refused listing (a 500 from Azurite) take ~16 s each, and a poller
  // retries anyway at its next scan.
  const once = new ContainerClient(container.url, container.credential, { retryOptions: { maxTries: 1 } });
  async function list(part: string, depth: number): Promise<void> {
    if (isStopped()) return;
    state.requests++;
    try {
      for await (const item of once.listBlobsFlat({ prefix: part || undefined, includeMetadata: true })) {
        if (isStopped()) return;
        await onItem(item);
      }
      return;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      // Only a failure storage reports for this listing is split; an outage is the caller's to handle.
      if (status === undefined) throw error;
      state.failedParts++;
      state.complete = false; // the bad name, and names outside printable ASCII in this part, are not reached
      if (depth >= MAX_DEPTH || state.requests > MAX_REQUESTS) return;
    }
    for (const ch of PARTITION_CHARS) await list(part + ch, depth + 1);
  }
  await list(prefix, 0);
  return { failedParts: state.failedParts, complete: state.complete };
}
