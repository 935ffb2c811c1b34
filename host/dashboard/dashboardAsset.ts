import fs from 'node:fs';
import path from 'node:path';

/** The files of the dashboard page: an allow-list, so no request path ever reaches the file system. */
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'overview.css': 'text/css; charset=utf-8',
  'detail.css': 'text/css; charset=utf-8',
  'format.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'instances.js': 'text/javascript; charset=utf-8',
  'timeline.js': 'text/javascript; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export interface DashboardAsset {
  file: string;
  contentType: string;
}

/**
 * The asset a `/dashboard/…` file name refers to (`''` is the page itself), or undefined for anything not on the
 * allow-list.
 */
export function dashboardAsset(name: string): DashboardAsset | undefined {
  const file = name === '' ? 'index.html' : name;
  const contentType = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
  return contentType ? { file, contentType } : undefined;
}

/**
 * The folder holding the page's files: `host/dashboard/public` beside this module when run from source, else the
 * same folder of the repository when run from the build output (`dist/host/dashboard`; tsc copies no assets).
 */
export function publicDir(moduleDir: string = __dirname): string {
  const beside = path.join(moduleDir, 'public');
  if (fs.existsSync(path.join(beside, 'index.html'))) return beside;
  return path.resolve(moduleDir, '..', '..', '..', 'host', 'dashboard', 'public');
}
