import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import type { AuditRecord } from '../../audit/auditRecord';
import { getAuditStore } from '../../audit/getAuditStore';
import { recordAccess } from '../../audit/recordAccess';
import { toError } from '../../errors';
import { type Action, authorize, type EncounterScope } from '../../identity/authorize';
import { loadIdentitySettings } from '../../identity/identitySettings';
import type { Principal } from '../../identity/principal';
import { resolveCaller } from '../../identity/resolveCaller';
import type { Manifest } from '../../model/manifest';
import { isEncounterId } from '../../store/artifacts';
import { getBlobServiceClient } from '../../store/blobServiceClient';
import { readManifest } from '../../store/manifestStore';
import { problem, respond } from './httpResponses';

/** What a route does, for authorization and the audit log. */
export interface AccessSpec {
  route: string;
  permission: Action;
  audit: AuditRecord['action'];
  /** The encounter the request names: checked against the caller's scope, written to the audit record. */
  encounterId?: string;
  /** Artifact name or decision, for the audit record (ids and codes only). */
  detail?: string;
}

/** The scope an encounter's manifest gives it; drop-in uploads have no owner and are visible to admins only. */
export const scopeOf = (manifest: Pick<Manifest, 'owner'> | undefined): EncounterScope | null =>
  manifest?.owner ? { ownerId: manifest.owner.id, group: manifest.owner.group } : null;

const UNAUTHENTICATED = { id: 'unauthenticated', roles: [], source: 'unauthenticated' as const };

/**
 * Runs an HTTP handler behind identity: resolves the caller (AUTH_MODE), checks the role's permission and, for a
 * named encounter, the caller's scope (out of scope answers 404), then records the access — outcome included, denials
 * too — in the audit log. A read whose record cannot be written is not served (503).
 */
export async function guardedAccess(
  request: HttpRequest,
  spec: AccessSpec,
  work: (principal: Principal) => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  let principal: Principal | undefined;
  const response = await respond(spec.route, async () => {
    principal = await resolveCaller(request, loadIdentitySettings());
    authorize(principal, spec.permission);
    if (spec.encounterId && isEncounterId(spec.encounterId) && !principal.roles.includes('admin')) {
      authorize(principal, spec.permission, scopeOf(await readManifest(getBlobServiceClient(), spec.encounterId)));
    }
    return work(principal);
  });
  const status = response.status ?? 200;
  if (status === 401)
    response.headers = { ...(response.headers as Record<string, string>), 'WWW-Authenticate': 'Bearer' };
  try {
    await recordAccess(getAuditStore(), request, principal ?? UNAUTHENTICATED, {
      action: spec.audit,
      encounterId: spec.encounterId && isEncounterId(spec.encounterId) ? spec.encounterId : undefined,
      detail: spec.detail && /^[\w.-]{1,40}$/.test(spec.detail) ? spec.detail : undefined,
      status,
    });
  } catch (error) {
    // A change already made stays made; a read is not served unrecorded.
    if (request.method !== 'GET') return response;
    const body = response.body as { cancel?: () => Promise<void> } | undefined;
    await body?.cancel?.().catch(() => undefined);
    return problem(503, toError(error).code, toError(error).message);
  }
  return response;
}
