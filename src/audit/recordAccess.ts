import { randomUUID } from 'node:crypto';

import type { HttpRequest } from '@azure/functions';

import { TransientError } from '../errors';
import type { Principal } from '../identity/principal';
import { log } from '../log';
import type { AuditRecord } from './auditRecord';
import type { AuditStore } from './auditStore';

/** The client's address as the platform forwards it (first hop), without a port. */
export function clientAddressOf(request: HttpRequest): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (!forwarded) return undefined;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(forwarded);
  return (ipv4WithPort?.[1] ?? forwarded).slice(0, 64);
}

const outcomeOf = (status: number): AuditRecord['outcome'] =>
  status < 400 ? 'success' : status === 401 || status === 403 || status === 404 ? 'denied' : 'failed';

/**
 * Appends one audit record for an access to PHI. Fails closed: when the record cannot be written the caller's
 * request fails too (503), so no PHI is served unrecorded.
 */
export async function recordAccess(
  store: AuditStore,
  request: HttpRequest,
  principal: Pick<Principal, 'id' | 'roles'> & { source: AuditRecord['actor']['source'] },
  entry: { action: AuditRecord['action']; encounterId?: string; detail?: string; status: number },
): Promise<void> {
  const record: AuditRecord = {
    id: randomUUID(),
    recordedAt: new Date().toISOString(),
    actor: { id: principal.id, source: principal.source, roles: [...principal.roles] },
    action: entry.action,
    encounterId: entry.encounterId,
    detail: entry.detail,
    outcome: outcomeOf(entry.status),
    httpStatus: entry.status,
    clientAddress: clientAddressOf(request),
  };
  try {
    await store.append(record);
  } catch (error) {
    log.error('audit.appendFailed', { action: entry.action, encounterId: entry.encounterId });
    throw new TransientError('AuditUnavailable', 'The access could not be recorded; try again later', { cause: error });
  }
}
