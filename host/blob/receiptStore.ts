import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { ensurePrivateFile } from '../privateFiles';

export type ReceiptStatus = 'done' | 'failed' | 'poison';

export interface BlobReceipt {
  functionName: string;
  container: string;
  blobName: string;
  etag: string;
  status: ReceiptStatus;
  attempts: number;
  lastError?: string;
  updatedAt: string;
}

/**
 * Blob trigger receipts in SQLite (`<data>/host.db`): one row per function + blob + etag, so a restart neither
 * re-fires a processed blob nor forgets failures counted towards the poison limit.
 */
export function openReceiptStore(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  ensurePrivateFile(path.join(dataDir, 'host.db'));
  const db = new Database(path.join(dataDir, 'host.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON'); // receipts name blobs (upload names can carry PHI): no copies in free pages
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS blob_receipts (
    function_name TEXT NOT NULL, container TEXT NOT NULL, blob_name TEXT NOT NULL, etag TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT, updated_at TEXT NOT NULL,
    PRIMARY KEY (function_name, container, blob_name, etag))`);
  const get = db.prepare(
    'SELECT status, attempts FROM blob_receipts WHERE function_name = ? AND container = ? AND blob_name = ? AND etag = ?',
  );
  const upsert =
    db.prepare(`INSERT INTO blob_receipts VALUES (@functionName, @container, @blobName, @etag, @status, @attempts, @lastError, @updatedAt)
    ON CONFLICT (function_name, container, blob_name, etag) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
    last_error = excluded.last_error, updated_at = excluded.updated_at`);
  const poison = db.prepare("SELECT * FROM blob_receipts WHERE status = 'poison' ORDER BY updated_at");
  const names = db.prepare('SELECT DISTINCT blob_name FROM blob_receipts WHERE function_name = ? AND container = ?');
  const forget = db.prepare('DELETE FROM blob_receipts WHERE function_name = ? AND container = ? AND blob_name = ?');

  type Key = { functionName: string; container: string; blobName: string; etag: string };
  return {
    get(key: Key): { status: ReceiptStatus; attempts: number } | undefined {
      return get.get(key.functionName, key.container, key.blobName, key.etag) as
        { status: ReceiptStatus; attempts: number } | undefined;
    },
    record(key: Key, status: ReceiptStatus, attempts: number, lastError?: string): void {
      upsert.run({ ...key, status, attempts, lastError: lastError ?? null, updatedAt: new Date().toISOString() });
    },
    poisonList(): BlobReceipt[] {
      return (poison.all() as Record<string, unknown>[]).map((r) => ({
        functionName: String(r.function_name),
        container: String(r.container),
        blobName: String(r.blob_name),
        etag: String(r.etag),
        status: 'poison',
        attempts: Number(r.attempts),
        lastError: r.last_error === null ? undefined : String(r.last_error),
        updatedAt: String(r.updated_at),
      }));
    },
    /** Drops the receipts of blobs no longer in the container (deleted uploads): returns how many names. */
    prune(functionName: string, container: string, present: ReadonlySet<string>): number {
      const gone = (names.all(functionName, container) as { blob_name: string }[])
        .map((r) => r.blob_name)
        .filter((name) => !present.has(name));
      db.transaction(() => gone.forEach((name) => forget.run(functionName, container, name)))();
      return gone.length;
    },
    close(): void {
      db.close();
    },
  };
}

export type ReceiptStore = ReturnType<typeof openReceiptStore>;
