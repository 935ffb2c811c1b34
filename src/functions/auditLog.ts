import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';

import { getAuditStore } from '../audit/getAuditStore';
import { recordAccess } from '../audit/recordAccess';
import { toAuditEventBundle } from '../audit/toAuditEvent';
import { NonRetriableError } from '../errors';
import { authorize } from '../identity/authorize';
import { loadIdentitySettings } from '../identity/identitySettings';
import { resolveCaller, routeAuthLevel } from '../identity/resolveCaller';
import { json, respond } from './lib/httpResponses';

const DAY = 24 * 3600_000;
const QuerySchema = z.object({
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  encounterId: z
    .string()
    .regex(/^enc-[0-9a-f]{8,64}$/)
    .optional(),
  actorId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  format: z.enum(['json', 'fhir']).default('json'),
});

/**
 * `GET /api/audit?from=&to=&encounterId=&actorId=&limit=&format=json|fhir`: admins read the access log (default:
 * the last 24 hours), as records or as a FHIR R4 Bundle of AuditEvents. Reading it is itself recorded.
 */
export async function readAuditLog(request: HttpRequest): Promise<HttpResponseInit> {
  return respond('audit.read', async () => {
    const principal = await resolveCaller(request, loadIdentitySettings());
    authorize(principal, 'audit.read');
    const parsed = QuerySchema.safeParse(Object.fromEntries(request.query));
    if (!parsed.success) {
      throw new NonRetriableError('InvalidRequest', `Bad audit query: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    }
    const q = parsed.data;
    const store = getAuditStore();
    await recordAccess(store, request, principal, { action: 'audit.read', status: 200 });
    // Default end: just past now, so a record written this millisecond (this very read) is included.
    const to = q.to ? new Date(q.to) : new Date(Date.now() + 1000);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY);
    if (to.getTime() - from.getTime() > 31 * DAY) {
      throw new NonRetriableError('InvalidRequest', 'Ask for at most 31 days at a time');
    }
    const records = await store.read({ from, to, encounterId: q.encounterId, actorId: q.actorId, limit: q.limit });
    return q.format === 'fhir'
      ? json(200, toAuditEventBundle(records), { 'Content-Type': 'application/fhir+json' })
      : json(200, { from: from.toISOString(), to: to.toISOString(), records });
  });
}

app.http('auditLog', { methods: ['GET'], route: 'audit', authLevel: routeAuthLevel(), handler: readAuditLog });
