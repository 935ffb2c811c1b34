import type { AuditEvent, Bundle } from '@medplum/fhirtypes';

import type { AuditRecord } from './auditRecord';

const AUDIT_EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const RESTFUL_INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const IDENTIFIER_SYSTEM = 'urn:clinscribe';

/** Each action as a REST interaction and its AuditEvent action code (C/R/U/D/E). */
const INTERACTION: Record<AuditRecord['action'], { code: string; action: AuditEvent['action'] }> = {
  'encounter.upload': { code: 'create', action: 'C' },
  'encounter.list': { code: 'search-type', action: 'E' },
  'encounter.read': { code: 'read', action: 'R' },
  'artifact.read': { code: 'read', action: 'R' },
  'review.decision': { code: 'update', action: 'U' },
  'fhir.export': { code: 'create', action: 'E' },
  'encounter.delete': { code: 'delete', action: 'D' },
  'audit.read': { code: 'search-type', action: 'E' },
};

/** outcome → AuditEvent.outcome: 0 success, 4 minor failure (refused), 8 serious failure. */
const OUTCOME: Record<AuditRecord['outcome'], AuditEvent['outcome']> = { success: '0', denied: '4', failed: '8' };

/** One audit record as a FHIR R4 AuditEvent (DICOM/HL7 REST audit style, ids as identifiers). */
export function toAuditEvent(record: AuditRecord): AuditEvent {
  const interaction = INTERACTION[record.action];
  return {
    resourceType: 'AuditEvent',
    id: record.id,
    type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: RESTFUL_INTERACTION, code: interaction.code }],
    action: interaction.action,
    recorded: record.recordedAt,
    outcome: OUTCOME[record.outcome],
    ...(record.outcome === 'success' ? {} : { outcomeDesc: `HTTP ${record.httpStatus}` }),
    agent: [
      {
        who: {
          identifier: { system: `${IDENTIFIER_SYSTEM}:principal:${record.actor.source}`, value: record.actor.id },
        },
        requestor: true,
        role: record.actor.roles.map((role) => ({ text: role })),
        ...(record.clientAddress ? { network: { address: record.clientAddress, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Clinscribe' } },
    entity: record.encounterId
      ? [
          {
            what: { identifier: { system: `${IDENTIFIER_SYSTEM}:encounter`, value: record.encounterId } },
            type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
            ...(record.detail ? { description: `${record.action} ${record.detail}` } : {}),
          },
        ]
      : undefined,
  };
}

/** Audit records as a FHIR `collection` Bundle of AuditEvents. */
export function toAuditEventBundle(records: readonly AuditRecord[]): Bundle<AuditEvent> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: records.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: toAuditEvent(r) })),
  };
}
