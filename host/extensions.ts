import { durableExtension } from './durable/durableExtension';
import type { HostExtension } from './types';

/**
 * The extensions `clinscribe-host start` runs with: the Durable engine (host/durable/).
 */
export function defaultExtensions(): HostExtension[] {
  return [durableExtension()];
}
