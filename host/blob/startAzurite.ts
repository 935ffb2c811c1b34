import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Data folder (`<data>/azurite`). */
  location: string;
  /** 0 = random ports; default 10000/10001/10002 like Azurite itself. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

/** The connection string for an Azurite instance at the given endpoints. */
export function azuriteConnectionString(blob: string, queue: string, table: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blob}/${DEV_ACCOUNT};QueueEndpoint=${queue}/${DEV_ACCOUNT};TableEndpoint=${table}/${DEV_ACCOUNT};`;
}

function waitExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts Azurite (blob, queue, table) from the `azurite` package as a child process with telemetry off and waits
 * until all three services listen; the ports it reports are used, so port 0 gives random free ports.
 */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  fs.mkdirSync(options.location, { recursive: true });
  const script = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'azurite.js');
  const args = [
    script,
    '--location',
    options.location,
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    '--blobHost',
    '127.0.0.1',
    '--queueHost',
    '127.0.0.1',
    '--tableHost',
    '127.0.0.1',
    '--blobPort',
    String(options.blobPort ?? 10000),
    '--queuePort',
    String(options.queuePort ?? 10001),
    '--tablePort',
    String(options.tablePort ?? 10002),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoints: Record<string, string> = {};
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`Azurite did not start within ${options.startTimeoutMs ?? 30000} ms: ${output.slice(-500)}`)),
      options.startTimeoutMs ?? 30000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const m of output.matchAll(/Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/g))
        endpoints[m[1]!] = m[2]!;
      if (endpoints.Blob && endpoints.Queue && endpoints.Table) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (code ${code}) before listening: ${output.slice(-500)}`));
    });
  });
  child.stdout?.resume();
  child.removeAllListeners('exit');
  const blob = endpoints.Blob!;
  const queue = endpoints.Queue!;
  const table = endpoints.Table!;
  return {
    connectionString: azuriteConnectionString(blob, queue, table),
    blobEndpoint: blob,
    queueEndpoint: queue,
    tableEndpoint: table,
    async stop() {
      child.kill('SIGTERM');
      await waitExit(child, 5000);
    },
  };
}
