import { getBlobServiceClient } from '../store/blobServiceClient';
import type { AuditStore } from './auditStore';
import { createBlobAuditStore } from './blobAuditStore';
import { openSqliteAuditStore } from './sqliteAuditStore';

let store: AuditStore | undefined;

/**
 * The audit store the settings name: `AUDIT_STORE=sqlite` with `AUDIT_SQLITE_PATH` (local: an append-only table),
 * else append blobs in the `audit` container (Azure: the container carries an immutability policy).
 */
export function getAuditStore(env: NodeJS.ProcessEnv = process.env): AuditStore {
  if (store) return store;
  store =
    env.AUDIT_STORE === 'sqlite'
      ? openSqliteAuditStore(env.AUDIT_SQLITE_PATH ?? '.data/audit.db')
      : createBlobAuditStore(getBlobServiceClient());
  return store;
}
