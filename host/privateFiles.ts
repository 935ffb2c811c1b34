import fs from 'node:fs';

/**
 * The data folder holds PHI (Durable inputs and outputs, Azurite's blobs, receipts) and the keys: readable by the
 * owner only, whatever the umask — the folder 0700, its databases 0600 (SQLite gives its -wal and -shm files the
 * database file's mode, so creating the file 0600 before opening covers them too).
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Creates `file` 0600 if missing and tightens an existing one; `:memory:` databases are left alone. */
export function ensurePrivateFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  for (const extra of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(extra)) fs.chmodSync(extra, 0o600);
}
