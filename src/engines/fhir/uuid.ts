import { createHash } from 'node:crypto';

/** Fixed namespace for Clinscribe resource ids (a random v4 UUID chosen once; never change it). */
const NAMESPACE = '7d1c3f52-8a4e-4b0f-9d6a-2e5b8c1f0a93';

/**
 * A name-based UUID (version 5 layout: SHA-1 of namespace + name), so the same encounter and resource key always
 * give the same id and the same input always gives a byte-identical bundle.
 */
export function deterministicUuid(encounterId: string, key: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(`${encounterId}\u0000${key}`, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
