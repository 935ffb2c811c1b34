import type { HttpRequest } from '@azure/functions';

/** Seconds a poller should wait between two status requests while the encounter runs. */
export const STATUS_RETRY_AFTER_SECONDS = 5;

/**
 * The app's own URLs of an encounter, absolute against the request's origin. These — never the Durable management
 * URLs, which carry a system key — are what a function-level caller gets back (DESIGN.md §7).
 */
export function encounterUrls(request: HttpRequest, encounterId: string): { encounterUri: string; statusUri: string } {
  const encounterUri = new URL(`/api/encounters/${encounterId}`, request.url).toString();
  return { encounterUri, statusUri: `${encounterUri}/status` };
}
