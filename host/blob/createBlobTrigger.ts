import { createHash } from 'node:crypto';

import type { BlobItem } from '@azure/storage-blob';

import type { AppInvoker } from '../functions/createInvoker';
import type { HostLogger, RegisteredFunctionInfo } from '../types';
import { type BlobPathPattern, parseBlobPath } from './blobPathPattern';
import { listBlobsIsolated } from './listBlobsIsolated';
import type { ReceiptStore } from './receiptStore';
import type { StorageClients } from './storageClients';
import type { OutputWriter } from './writeOutputs';

export const POISON_QUEUE = 'webjobs-blobtrigger-poison';

export interface BlobTriggerOptions {
  functions: RegisteredFunctionInfo[];
  invoker: AppInvoker;
  storage: StorageClients;
  receipts: ReceiptStore;
  writeOutputs: OutputWriter;
  log: HostLogger;
  /** Scan interval (default 1000 ms). */
  pollMs?: number;
  /** Failed invocations before a blob goes to the poison list (the host's default: 5). */
  maxAttempts?: number;
  /** How long `stop` waits for an invocation in flight (default 10 s). */
  shutdownGraceMs?: number;
}

/** A log-safe id for a blob: upload names may carry patient names, so logs get a hash instead. */
export const blobLogId = (container: string, name: string) =>
  createHash('sha256').update(`${container}/${name}`).digest('hex').slice(0, 12);

const pascal = (props: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v instanceof Date ? v.toISOString() : v]),
  );

/**
 * Blob triggers by scanning: every `pollMs`, list each trigger's container, and invoke the function once per new
 * blob name + etag that has no receipt. Success writes a `done` receipt; each failure counts an attempt, and after
 * `maxAttempts` the blob is put on the poison list (SQLite, a log line, and the `webjobs-blobtrigger-poison` queue).
 */
export function createBlobTrigger(options: BlobTriggerOptions) {
  const { invoker, storage, receipts, log } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const triggers: { fn: RegisteredFunctionInfo; pattern: BlobPathPattern }[] = options.functions
    .filter((fn) => fn.trigger.type.toLowerCase() === 'blobtrigger')
    .map((fn) => ({ fn, pattern: parseBlobPath(String(fn.trigger.path ?? ''), fn.name) }));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function fire(
    fn: RegisteredFunctionInfo,
    pattern: BlobPathPattern,
    item: BlobItem,
    params: Record<string, string>,
  ): Promise<void> {
    const key = {
      functionName: fn.name,
      container: pattern.container,
      blobName: item.name,
      etag: item.properties.etag ?? '',
    };
    const receipt = receipts.get(key);
    if (receipt && receipt.status !== 'failed') return;
    const attempts = (receipt?.attempts ?? 0) + 1;
    const client = storage.blob(fn.trigger.connection).getContainerClient(pattern.container).getBlobClient(item.name);
    const id = blobLogId(pattern.container, item.name);
    const started = Date.now();
    let bytes: Buffer;
    try {
      bytes = await client.downloadToBuffer(0, undefined, { conditions: { ifMatch: key.etag } });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 412 || status === 404) return; // changed or deleted meanwhile: the next scan sees the new state
      throw error;
    }
    try {
      const triggerMetadata = {
        ...params,
        BlobTrigger: `${pattern.container}/${item.name}`,
        Uri: client.url,
        Properties: pascal({ ...item.properties, length: item.properties.contentLength }),
        Metadata: item.metadata ?? {},
        sys: { MethodName: fn.name, UtcNow: new Date().toISOString(), RandGuid: crypto.randomUUID() },
      };
      const response = await invoker.invokeRpc(fn.name, {
        triggerData: { bytes },
        triggerMetadata,
        retryContext: { retryCount: attempts - 1, maxRetryCount: maxAttempts - 1 },
      });
      await options.writeOutputs(fn, response, triggerMetadata);
      receipts.record(key, 'done', attempts);
      log.info('Blob trigger completed', { function: fn.name, blobId: id, attempts, durationMs: Date.now() - started });
    } catch (error) {
      // Any failure of the function counts an attempt — even one carrying a 404 of its own (only the download's
      // 404/412 above means the blob changed): else it would fail silently on every scan, forever.
      const message = error instanceof Error ? error.message : String(error);
      const poisoned = attempts >= maxAttempts;
      receipts.record(key, poisoned ? 'poison' : 'failed', attempts, message.slice(0, 1000));
      log.warn('Blob trigger failed', { function: fn.name, blobId: id, attempts, maxAttempts });
      if (poisoned) {
        log.error('Blob moved to the poison list', {
          function: fn.name,
          blobId: id,
          attempts,
          etag: key.etag,
          poisonQueue: POISON_QUEUE,
        });
        const queue = storage.queue(fn.trigger.connection).getQueueClient(POISON_QUEUE);
        const body = {
          Type: 'BlobTrigger',
          FunctionId: `Host.Functions.${fn.name}`,
          BlobType: 'BlockBlob',
          ContainerName: pattern.container,
          BlobName: item.name,
          ETag: key.etag,
        };
        await queue
          .createIfNotExists()
          .then(() => queue.sendMessage(Buffer.from(JSON.stringify(body)).toString('base64')))
          .catch(() => undefined);
      }
    }
  }

  async function scan(): Promise<void> {
    for (const { fn, pattern } of triggers) {
      const container = storage.blob(fn.trigger.connection).getContainerClient(pattern.container);
      await container.createIfNotExists();
      const present = new Set<string>();
      // One unlistable name (a control character) must not stop every other upload: see listBlobsIsolated.
      const listing = await listBlobsIsolated(
        container,
        pattern.prefix,
        async (item) => {
          present.add(item.name);
          const params = pattern.match(item.name);
          if (params) await fire(fn, pattern, item, params);
        },
        () => stopped,
      );
      if (stopped) return;
      if (listing.failedParts > 0)
        log.warn('Blob listing partly failed; unlistable blobs skipped', {
          function: fn.name,
          failedParts: listing.failedParts,
        });
      // A complete listing: receipts of blobs that are gone (a deleted encounter's upload) go too.
      if (listing.complete) receipts.prune(fn.name, pattern.container, present);
    }
  }

  const loop = () => {
    if (stopped) return;
    running = scan()
      .catch((error: unknown) =>
        log.warn('Blob scan failed', { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 1000);
      });
  };

  return {
    count: triggers.length,
    start(): void {
      if (triggers.length > 0) loop();
    },
    /** Runs one scan now (tests, and the first scan at startup). */
    scanOnce: () => scan(),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      // An invocation in flight gets a grace period, like the host's shutdown timeout; a hung one is abandoned
      // (its blob has no receipt, so it fires again on the next start).
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((resolve) => (grace = setTimeout(resolve, options.shutdownGraceMs ?? 10_000))),
      ]);
      clearTimeout(grace);
    },
  };
}
