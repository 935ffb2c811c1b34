import type { AuditRecord } from './auditRecord';

/** A time window of audit records to read (inclusive from, exclusive to), newest last. */
export interface AuditQuery {
  from: Date;
  to: Date;
  encounterId?: string;
  actorId?: string;
  limit: number;
}

/** Append-only: records are added and read, never changed or removed. */
export interface AuditStore {
  append(record: AuditRecord): Promise<void>;
  read(query: AuditQuery): Promise<AuditRecord[]>;
}

/** Applies the query's filters and limit to records already inside its window. */
export function filterRecords(records: Iterable<AuditRecord>, query: AuditQuery): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (const r of records) {
    if (query.encounterId && r.encounterId !== query.encounterId) continue;
    if (query.actorId && r.actor.id !== query.actorId) continue;
    const t = Date.parse(r.recordedAt);
    if (t < query.from.getTime() || t >= query.to.getTime()) continue;
    out.push(r);
    if (out.length >= query.limit) break;
  }
  return out;
}
