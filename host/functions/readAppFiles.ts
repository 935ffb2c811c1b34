import fs from 'node:fs';
import path from 'node:path';

import { HostStartupError } from '../hostStartupError';

export interface AppFiles {
  packageJson: { main?: string; type?: string; [key: string]: unknown };
  hostJson: Record<string, unknown>;
  /** `Values` of local.settings.json (empty when the file is absent). */
  settings: Record<string, string>;
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new HostStartupError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads package.json (required, with a `main`), host.json and local.settings.json of a Functions app folder. */
export function readAppFiles(appDir: string): AppFiles {
  const pkgFile = path.join(appDir, 'package.json');
  if (!fs.existsSync(pkgFile)) throw new HostStartupError(`No package.json in the app folder ${appDir}`);
  const packageJson = readJson(pkgFile, 'package.json');
  if (!isObject(packageJson)) throw new HostStartupError(`package.json ${pkgFile} is not an object`);
  if (typeof packageJson.main !== 'string' || packageJson.main === '') {
    throw new HostStartupError(`package.json ${pkgFile} has no "main" (the entry point glob of the functions)`);
  }
  const hostFile = path.join(appDir, 'host.json');
  const hostJson = fs.existsSync(hostFile) ? readJson(hostFile, 'host.json') : { version: '2.0' };
  if (!isObject(hostJson)) throw new HostStartupError(`host.json ${hostFile} is not an object`);
  const settingsFile = path.join(appDir, 'local.settings.json');
  const settings: Record<string, string> = {};
  if (fs.existsSync(settingsFile)) {
    const parsed = readJson(settingsFile, 'local.settings.json');
    const values = isObject(parsed) && isObject(parsed.Values) ? parsed.Values : {};
    for (const [k, v] of Object.entries(values)) settings[k] = String(v);
  }
  return { packageJson: packageJson as AppFiles['packageJson'], hostJson, settings };
}
