import type { BlobServiceClient } from '@azure/storage-blob';

import { type AuditRecord, AuditRecordSchema } from './auditRecord';
import { type AuditQuery, type AuditStore, filterRecords } from './auditStore';

/** The audit container; on Azure the Bicep gives it a time-based immutability policy (records cannot be altered). */
export const AUDIT_CONTAINER = 'audit';

const HOUR = 3600_000;
/** One append blob per UTC hour (an append blob takes 50,000 blocks: one block a record). */
const blobName = (t: number) => `${new Date(t).toISOString().slice(0, 13).replace(/[-T]/g, '/')}.jsonl`;

/** Audit records as JSON lines appended to hourly append blobs. */
export function createBlobAuditStore(service: BlobServiceClient): AuditStore {
  const container = service.getContainerClient(AUDIT_CONTAINER);
  let ready: Promise<unknown> | undefined;
  return {
    async append(record: AuditRecord) {
      const valid = AuditRecordSchema.parse(record);
      ready ??= container.createIfNotExists();
      await ready;
      const client = container.getAppendBlobClient(blobName(Date.parse(valid.recordedAt)));
      await client.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson' } });
      const line = Buffer.from(JSON.stringify(valid) + '\n');
      await client.appendBlock(line, line.length);
    },
    async read(query: AuditQuery) {
      const records: AuditRecord[] = [];
      const start = Math.floor(query.from.getTime() / HOUR) * HOUR;
      for (let t = start; t < query.to.getTime() && records.length < query.limit; t += HOUR) {
        const client = container.getAppendBlobClient(blobName(t));
        if (!(await client.exists())) continue;
        const text = (await client.downloadToBuffer()).toString('utf8');
        const lines = text.split('\n').filter(Boolean);
        records.push(...lines.map((l) => AuditRecordSchema.parse(JSON.parse(l))));
      }
      return filterRecords(records, query);
    },
  };
}
