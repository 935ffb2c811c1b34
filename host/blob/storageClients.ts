import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

/** Storage clients per binding `connection` setting, the way the host resolves them (app setting → connection string). */
export function createStorageClients(defaultConnection: string) {
  const blobs = new Map<string, BlobServiceClient>();
  const queues = new Map<string, QueueServiceClient>();
  const connectionOf = (setting: unknown): string => {
    const name = typeof setting === 'string' && setting !== '' ? setting : 'AzureWebJobsStorage';
    const value = process.env[name] ?? process.env[`AzureWebJobs${name}`];
    return value && value !== 'UseDevelopmentStorage=true' ? value : defaultConnection;
  };
  return {
    connectionString: defaultConnection,
    blob(setting?: unknown): BlobServiceClient {
      const cs = connectionOf(setting);
      let client = blobs.get(cs);
      if (!client) blobs.set(cs, (client = BlobServiceClient.fromConnectionString(cs)));
      return client;
    },
    queue(setting?: unknown): QueueServiceClient {
      const cs = connectionOf(setting);
      let client = queues.get(cs);
      if (!client) queues.set(cs, (client = QueueServiceClient.fromConnectionString(cs)));
      return client;
    },
  };
}

export type StorageClients = ReturnType<typeof createStorageClients>;
