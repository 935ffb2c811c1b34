import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { HostExtension, SystemResponse, SystemRoute } from '../types';
import { dashboardAsset, publicDir } from './dashboardAsset';

/** The page only talks to its own origin; no inline script or style can run even if some text escaped escaping. */
const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const notFound: SystemResponse = { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };

/**
 * The static routes of the Durable dashboard: `GET /dashboard` and `/dashboard/<file>`, anonymous because the files
 * hold no data. The page asks for the master key and calls the admin-secured Durable endpoints with it.
 */
export function dashboardRoutes(dir: string = publicDir()): SystemRoute[] {
  return [
    {
      methods: ['GET'],
      pattern: /^\/dashboard(?:\/(?<file>[^/]*))?$/,
      auth: 'anonymous',
      handler: async (req) => {
        const asset = dashboardAsset(req.params.file ?? '');
        if (!asset) return notFound;
        try {
          const body = await readFile(path.join(dir, asset.file));
          return { status: 200, headers: { 'Content-Type': asset.contentType, ...SECURITY_HEADERS }, body };
        } catch {
          return notFound;
        }
      },
    },
  ];
}

/**
 * A tiny host extension that serves the Durable dashboard page (`host/dashboard/public/`). It needs the Durable
 * extension's management API (`/runtime/webhooks/durabletask/…`) for its data.
 */
export function dashboardExtension(): HostExtension {
  return {
    name: 'dashboard',
    triggerTypes: [],
    routes: dashboardRoutes(),
    async start() {},
    async stop() {},
  };
}
