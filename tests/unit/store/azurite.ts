import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';

import { startAzurite } from '../../../host/blob/startAzurite';

/** Azurite on random ports with a temporary folder (through the host's launcher), and a client for it. */
export async function startTestStorage(): Promise<{
  blobs: BlobServiceClient;
  connectionString: string;
  stop(): Promise<void>;
}> {
  const location = mkdtempSync(join(tmpdir(), 'clinscribe-store-'));
  const azurite = await startAzurite({ location, blobPort: 0, queuePort: 0, tablePort: 0 });
  return {
    blobs: BlobServiceClient.fromConnectionString(azurite.connectionString),
    connectionString: azurite.connectionString,
    async stop() {
      await azurite.stop();
      rmSync(location, { recursive: true, force: true });
    },
  };
}
