import { chmodSync, closeSync, openSync } from 'node:fs';

import Database from 'better-sqlite3';

import { type AuditRecord, AuditRecordSchema } from './auditRecord';
import { type AuditQuery, type AuditStore, filterRecords } from './auditStore';

/**
 * The local audit log: one SQLite table whose triggers refuse UPDATE and DELETE, so rows can only be appended.
 * The file is created with mode 0600.
 */
export function openSqliteAuditStore(path: string): AuditStore & { close(): void } {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS audit_time ON audit(recorded_at);
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `);
  const insert = db.prepare('INSERT INTO audit (recorded_at, record) VALUES (?, ?)');
  const select = db.prepare('SELECT record FROM audit WHERE recorded_at >= ? AND recorded_at < ? ORDER BY seq');
  return {
    // Promise-wrapped so a refused record rejects (as the blob store's does) rather than throwing synchronously.
    append: (record: AuditRecord) =>
      Promise.resolve().then(() => {
        const valid = AuditRecordSchema.parse(record);
        insert.run(valid.recordedAt, JSON.stringify(valid));
      }),
    read: (query: AuditQuery) =>
      Promise.resolve().then(() => {
        const rows = select.all(query.from.toISOString(), query.to.toISOString()) as Array<{ record: string }>;
        return filterRecords(
          rows.map((r) => AuditRecordSchema.parse(JSON.parse(r.record))),
          query,
        );
      }),
    close: () => db.close(),
  };
}
