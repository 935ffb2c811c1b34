import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';

import { NonRetriableError } from '../errors';

/**
 * The storage account the app uses, from the same settings the Functions host reads: the `AzureWebJobsStorage`
 * connection string (Azurite: `UseDevelopmentStorage=true`), or identity-based `AzureWebJobsStorage__blobServiceUri`
 * (or `__accountName`) with a managed identity / developer credential.
 */
export function createBlobServiceClient(env: NodeJS.ProcessEnv = process.env): BlobServiceClient {
  const connectionString = env.AzureWebJobsStorage;
  if (connectionString) return BlobServiceClient.fromConnectionString(connectionString);
  const serviceUri =
    env.AzureWebJobsStorage__blobServiceUri ??
    (env.AzureWebJobsStorage__accountName
      ? `https://${env.AzureWebJobsStorage__accountName}.blob.core.windows.net`
      : undefined);
  if (!serviceUri) {
    throw new NonRetriableError(
      'InvalidSettings',
      'Storage is not configured: set AzureWebJobsStorage or AzureWebJobsStorage__blobServiceUri',
    );
  }
  const clientId = env.AzureWebJobsStorage__clientId;
  return new BlobServiceClient(
    serviceUri,
    new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
  );
}

let shared: BlobServiceClient | undefined;

/** One client per process (activities and functions share it). */
export function getBlobServiceClient(): BlobServiceClient {
  shared ??= createBlobServiceClient();
  return shared;
}
