import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { HostKeys } from '../types';

const newKey = () => randomBytes(32).toString('base64url');

const isKeyMap = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && Object.values(v).every((k) => typeof k === 'string' && k.length > 0);

/**
 * Reads `<dataDir>/keys.json` or creates it on first start (`{"master", "functionKeys": {"default"},
 * "systemKeys": {…}}`), with one system key per name in `systemKeyNames` (added to an existing file when missing).
 * The file is readable by the owner only (0600) and so is the data folder (0700): these keys open the host.
 */
export function loadOrCreateKeys(dataDir: string, systemKeyNames: string[] = []): { keys: HostKeys; file: string } {
  const file = path.join(dataDir, 'keys.json');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrict(dataDir, 0o700);
  let keys: HostKeys | undefined;
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostKeys>;
    if (typeof parsed.master === 'string' && isKeyMap(parsed.functionKeys)) {
      const systemKeys = isKeyMap(parsed.systemKeys) ? parsed.systemKeys : {};
      keys = { master: parsed.master, functionKeys: parsed.functionKeys, systemKeys };
    }
  }
  const missing = systemKeyNames.filter((name) => !keys?.systemKeys[name]);
  if (!keys || missing.length > 0) {
    keys ??= { master: newKey(), functionKeys: { default: newKey() }, systemKeys: {} };
    for (const name of missing) keys.systemKeys[name] = newKey();
    // Write to a private temporary file and rename, so the keys are never readable by others, even briefly.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  restrict(file, 0o600);
  return { keys, file };
}

/** Narrows the mode of a file or folder we own (an existing keys.json may predate the rule). */
function restrict(target: string, mode: number): void {
  try {
    const stat = fs.statSync(target);
    if ((stat.mode & 0o777) !== mode && (process.getuid?.() ?? stat.uid) === stat.uid) fs.chmodSync(target, mode);
  } catch {
    // Not ours or not supported by the file system (e.g. Windows): leave it.
  }
}
