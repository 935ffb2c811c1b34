import type { BlobServiceClient } from '@azure/storage-blob';

import { type Config, loadConfig } from '../../src/config';
import { getBlobServiceClient } from '../../src/store/blobServiceClient';

/**
 * What activities need from the outside, injected so tests can point them at Azurite and the offline engines.
 * Engines are loaded on first use: an activity loads only the engine it calls.
 */
export interface StepDeps {
  blobs(): BlobServiceClient;
  config(): Config;
}

let config: Config | undefined;

/** Production dependencies: settings from the environment, the shared storage client. */
export const defaultDeps: StepDeps = {
  blobs: getBlobServiceClient,
  config: () => (config ??= loadConfig()),
};
