import './lib/enableHttpStream';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { routeAuthLevel } from '../identity/resolveCaller';
import { isEncounterId } from '../store/artifacts';
import { encounterUrls, STATUS_RETRY_AFTER_SECONDS } from './lib/encounterUrls';
import { findInstance } from './lib/findInstance';
import { guardedAccess } from './lib/guardedAccess';
import { json, problem } from './lib/httpResponses';

const RUNNING = new Set<string>([
  df.OrchestrationRuntimeStatus.Pending,
  df.OrchestrationRuntimeStatus.Running,
  df.OrchestrationRuntimeStatus.Suspended,
  df.OrchestrationRuntimeStatus.ContinuedAsNew,
]);

/**
 * `GET /api/encounters/{id}/status`: the orchestration status of one encounter in the Durable status shape, under
 * the caller's function key — what `statusQueryGetUri` answers, without handing out a management URL. 202 with
 * `Location` and `Retry-After` while it runs, 200 once it has ended. The input is never shown.
 */
export async function getEncounterStatus(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const spec = {
    route: 'encounters.status',
    permission: 'encounter.read',
    audit: 'encounter.read',
    encounterId: id,
  } as const;
  return guardedAccess(request, spec, async () => {
    if (!isEncounterId(id)) return problem(404, 'NotFound', 'No such encounter');
    const instance = await findInstance(df.getClient(context), id);
    if (!instance) return problem(404, 'NotFound', 'No such encounter');
    const body = {
      name: instance.name,
      instanceId: instance.instanceId,
      runtimeStatus: instance.runtimeStatus,
      customStatus: instance.customStatus ?? null,
      output: instance.output ?? null,
      createdTime: instance.createdTime,
      lastUpdatedTime: instance.lastUpdatedTime,
    };
    if (!RUNNING.has(instance.runtimeStatus)) return json(200, body);
    const { statusUri } = encounterUrls(request, id);
    return json(202, body, { Location: statusUri, 'Retry-After': String(STATUS_RETRY_AFTER_SECONDS) });
  });
}

app.http('encountersStatus', {
  methods: ['GET'],
  route: 'encounters/{id}/status',
  authLevel: routeAuthLevel(),
  extraInputs: [df.input.durableClient()],
  handler: getEncounterStatus,
});
