import type { BlobServiceClient } from '@azure/storage-blob';
import type { DurableClient } from 'durable-functions';

import type { Config } from '../../config';
import { NonRetriableError } from '../../errors';
import { log } from '../../log';
import { OrchestratorNames } from '../../model/names';
import type { EncounterOptions, PipelineInput } from '../../model/pipeline';
import { createManifest } from '../../store/manifestStore';
import { newManifest } from '../../store/manifestUpdates';
import { encounterId } from './encounterId';
import { findInstance } from './findInstance';
import { intakeRefusal } from './intakeRefusal';

export interface Upload {
  container: string;
  name: string;
  etag: string;
  options: EncounterOptions;
  /** Sniffed type (`unknown` when none matched), size and sha256 of the content; called only when starting. */
  facts: () => UploadFacts;
  /** The signed-in uploader (id and group), kept in the manifest for scoping; absent for drop-in uploads. */
  owner?: { id: string; group?: string };
}

export interface UploadFacts {
  type: string;
  size: number;
  sha256: string;
}

/**
 * Starts the pipeline for one upload unless its instance already exists (re-delivered trigger, or the API and the
 * blob trigger both seeing the same upload): writes the Pending manifest, then `startNew` with the derived id.
 */
export async function startEncounter(
  client: DurableClient,
  blobs: BlobServiceClient,
  config: Config,
  upload: Upload,
): Promise<{ encounterId: string; started: boolean }> {
  const id = encounterId(upload.container, upload.name, upload.etag);
  if (await findInstance(client, id)) return { encounterId: id, started: false };
  const { type, size, sha256 } = upload.facts();
  const source = { container: upload.container, name: upload.name, etag: upload.etag };
  const manifest = {
    ...newManifest(id, { ...source, sha256, size, type }, upload.options, new Date().toISOString()),
    ...(upload.owner ? { owner: upload.owner } : {}),
  };
  const refusal = intakeRefusal(type, config);
  if (refusal) {
    await createManifest(blobs, { ...manifest, status: 'Failed', error: { stage: 'intake', ...refusal } });
    log.warn('encounter.refused', { encounterId: id, code: refusal.code, type });
    throw new NonRetriableError(refusal.code, refusal.message);
  }
  await createManifest(blobs, manifest);
  const input: PipelineInput = {
    encounterId: id,
    source: { ...source, type },
    options: {
      ...upload.options,
      reviewTimeoutHours: upload.options.reviewTimeoutHours ?? config.settings.REVIEW_TIMEOUT_HOURS,
      chunkGraphemes: config.settings.CHUNK_GRAPHEMES,
    },
    exportFhir: Boolean(config.settings.FHIR_SERVER_URL),
  };
  try {
    await client.startNew(OrchestratorNames.encounterPipeline, { instanceId: id, input });
  } catch (error) {
    // Two deliveries raced past the check above: the loser finds the winner's instance.
    if (await findInstance(client, id)) return { encounterId: id, started: false };
    throw error;
  }
  log.info('encounter.started', { encounterId: id, type, size });
  return { encounterId: id, started: true };
}
