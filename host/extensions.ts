import type { HostExtension } from './types';

/**
 * The extensions `clinscribe-host start` runs with. Empty for now: the Durable engine (host/durable/) adds its
 * extension here.
 */
export function defaultExtensions(): HostExtension[] {
  return [];
}
