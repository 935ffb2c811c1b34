import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { NonRetriableError } from '../../errors';

/** Repository (app) root: dist/src/cli/encounters → four levels up; src/cli/encounters (tests) → three. */
export function appRoot(): string {
  let dir = resolve(__dirname, '..', '..', '..');
  if (dir.endsWith('dist')) dir = resolve(dir, '..');
  return dir;
}

export const DEFAULT_URL = 'http://127.0.0.1:7071';

export interface HostConnection {
  baseUrl: string;
  key: string;
  /** Set when this command started the host: stop it when done. */
  stop?: () => Promise<void>;
}

/** Whether a Functions host answers at `baseUrl` (any HTTP answer counts). */
export async function isHostUp(baseUrl: string): Promise<boolean> {
  try {
    await fetch(new URL('/api/web/', baseUrl), { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** The default function key from `<data>/keys.json` (`{"functionKeys": {"default": …}}`). */
export function readFunctionKey(dataDir: string): string | undefined {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) return undefined;
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { functionKeys?: Record<string, string> };
  return keys.functionKeys?.default;
}

/**
 * Connects to the host at `url` (default: the local embedded host on 7071), or, when none answers and no URL was
 * given, starts the embedded host (`clinscribe-host start --port 0`) for the duration of the command.
 */
export async function connectHost(options: {
  url?: string;
  key?: string;
  dataDir?: string;
  onStart?: () => void;
}): Promise<HostConnection> {
  const dataDir = options.dataDir ?? join(appRoot(), '.data');
  const baseUrl = options.url ?? process.env.CLINSCRIBE_URL ?? DEFAULT_URL;
  if (await isHostUp(baseUrl)) {
    const key = options.key ?? process.env.CLINSCRIBE_KEY ?? readFunctionKey(dataDir);
    if (!key)
      throw new NonRetriableError(
        'NoKey',
        `No function key: pass --key or set CLINSCRIBE_KEY (none in ${join(dataDir, 'keys.json')})`,
      );
    return { baseUrl, key };
  }
  if (options.url || process.env.CLINSCRIBE_URL)
    throw new NonRetriableError('HostUnreachable', `No Functions host answers at ${baseUrl}`);
  options.onStart?.();
  const child = spawn(
    process.execPath,
    [join(appRoot(), 'bin', 'clinscribe-host.js'), 'start', '--port', '0', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const started = await waitForStart(child);
  const key = options.key ?? readFunctionKey(dataDir);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
  };
  if (!key) {
    await stop();
    throw new NonRetriableError('NoKey', `The embedded host wrote no function key to ${join(dataDir, 'keys.json')}`);
  }
  return { baseUrl: started, key, stop };
}

function waitForStart(child: ChildProcess, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new NonRetriableError('HostStartFailed', 'The embedded host did not start in time'));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /App:\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
      if (/^Host started$/m.test(output) && url) {
        clearTimeout(timer);
        resolvePromise(url);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new NonRetriableError(
          'HostStartFailed',
          `The embedded host exited (code ${code}): ${output.trim().split('\n').slice(-1)[0] ?? ''}`,
        ),
      );
    });
  });
}
