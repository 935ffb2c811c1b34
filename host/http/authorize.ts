import { timingSafeEqual } from 'node:crypto';

import type { AuthLevel, HostKeys } from '../types';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The key a request presents: `x-functions-key` header first, then the `code` query parameter (as the host). */
export function presentedKey(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const header = headers['x-functions-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value || url.searchParams.get('code') || undefined;
}

/** Whether `key` satisfies `level`: function keys and the master key open `function`; only the master opens `admin`. */
export function isAuthorized(level: AuthLevel, key: string | undefined, keys: HostKeys): boolean {
  if (level === 'anonymous') return true;
  if (!key) return false;
  if (same(key, keys.master)) return true;
  return level === 'function' && Object.values(keys.functionKeys).some((k) => same(key, k));
}
