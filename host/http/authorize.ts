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

/**
 * Whether `key` satisfies `level`, as the Functions host decides: the master key opens everything; function keys
 * open `function`; a system key opens only `system` routes that name it (`systemKey`); `admin` needs the master.
 */
export function isAuthorized(level: AuthLevel, key: string | undefined, keys: HostKeys, systemKey?: string): boolean {
  if (level === 'anonymous') return true;
  if (!key) return false;
  if (same(key, keys.master)) return true;
  if (level === 'function') return Object.values(keys.functionKeys).some((k) => same(key, k));
  if (level === 'system') {
    const own = systemKey === undefined ? undefined : keys.systemKeys[systemKey];
    return own !== undefined && same(key, own);
  }
  return false;
}
