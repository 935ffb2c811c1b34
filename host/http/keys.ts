import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { HostKeys } from '../types';

const newKey = () => randomBytes(32).toString('base64url');

/**
 * Reads `<dataDir>/keys.json` or creates it on first start (`{"master", "functionKeys": {"default"}}`), readable
 * by the owner only.
 */
export function loadOrCreateKeys(dataDir: string): { keys: HostKeys; file: string } {
  const file = path.join(dataDir, 'keys.json');
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostKeys>;
    if (typeof parsed.master === 'string' && parsed.functionKeys && typeof parsed.functionKeys === 'object') {
      return { keys: { master: parsed.master, functionKeys: parsed.functionKeys }, file };
    }
  }
  const keys: HostKeys = { master: newKey(), functionKeys: { default: newKey() } };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return { keys, file };
}
