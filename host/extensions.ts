import { dashboardExtension } from './dashboard/dashboardExtension';
import { durableExtension } from './durable/durableExtension';
import type { HostExtension } from './types';

/**
 * The extensions `clinscribe-host start` runs with: the Durable engine (host/durable/) and its dashboard page
 * (host/dashboard/).
 */
export function defaultExtensions(): HostExtension[] {
  return [durableExtension(), dashboardExtension()];
}
