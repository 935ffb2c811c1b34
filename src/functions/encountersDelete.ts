import './lib/enableHttpStream';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { routeAuthLevel } from '../identity/resolveCaller';
import { log } from '../log';
import { Containers } from '../model/names';
import { isEncounterId } from '../store/artifacts';
import { deleteBlobIfExists, deletePrefix } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { readManifest } from '../store/manifestStore';
import { writeTombstone } from '../store/tombstones';
import { findInstance } from './lib/findInstance';
import { guardedAccess } from './lib/guardedAccess';
import { json, problem } from './lib/httpResponses';

const ACTIVE = new Set<string>([df.OrchestrationRuntimeStatus.Running, df.OrchestrationRuntimeStatus.Pending]);

/**
 * `DELETE /api/encounters/{id}`: leaves a tombstone (no later write lands), terminates a running instance, purges
 * its history (which holds the inputs), and deletes every output and the upload itself. Nothing with PHI remains.
 */
export async function deleteEncounter(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const spec = {
    route: 'encounters.delete',
    permission: 'encounter.delete',
    audit: 'encounter.delete',
    encounterId: id,
  } as const;
  return guardedAccess(request, spec, async () => {
    if (!isEncounterId(id)) return problem(404, 'NotFound', 'No such encounter');
    const client = df.getClient(context);
    const blobs = getBlobServiceClient();
    const [instance, manifest] = await Promise.all([findInstance(client, id), readManifest(blobs, id)]);
    if (!instance && !manifest) return problem(404, 'NotFound', 'No such encounter');
    // First, so a step still running writes nothing that stays (every write checks it: store/tombstones).
    await writeTombstone(blobs, id);
    if (instance && ACTIVE.has(instance.runtimeStatus)) {
      await client.terminate(id, 'deleted by user');
      await waitUntilStopped(client, id);
    }
    const purged = instance ? (await client.purgeInstanceHistory(id)).instancesDeleted : 0;
    const outputs = await deletePrefix(blobs, Containers.encounters, `${id}/`);
    const upload = manifest ? await deleteBlobIfExists(blobs, manifest.input) : false;
    log.info('encounter.deleted', { encounterId: id, outputs, purged });
    return json(200, { encounterId: id, instancesDeleted: purged, blobsDeleted: outputs + (upload ? 1 : 0) });
  });
}

/** Termination is asynchronous; purge refuses a running instance, so wait (briefly) for it to stop. */
async function waitUntilStopped(client: df.DurableClient, id: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const status = await findInstance(client, id);
    if (!status || !ACTIVE.has(status.runtimeStatus)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

app.http('encountersDelete', {
  methods: ['DELETE'],
  route: 'encounters/{id}',
  authLevel: routeAuthLevel(),
  extraInputs: [df.input.durableClient()],
  handler: deleteEncounter,
});
