/**
 * Starts Azurite and the embedded host in-process on random ports with a temporary data folder, for integration
 * tests of any app (`appDir`). Set HOST_TEST_LOG=1 to see the host's log lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createHostLogger, createMemoryLogger } from '../../host/log';
import { type RunningHost, startHost } from '../../host/start';
import type { HostExtension, HostKeys } from '../../host/types';

export interface TestHostOptions {
  appDir: string;
  extensions?: HostExtension[];
  env?: Record<string, string>;
  /** Reuse a data folder (restart scenarios); a fresh temporary one otherwise. */
  dataDir?: string;
  blobPollMs?: number;
}

export interface TestHost {
  baseUrl: string;
  keys: HostKeys;
  connectionString: string;
  dataDir: string;
  host: RunningHost;
  /** Host log lines so far. */
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** Stops host and Azurite; removes the data folder unless it was given. */
  stop(): Promise<void>;
}

/** Starts an isolated host for `appDir`. */
export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'clinscribe-host-'));
  const log = createMemoryLogger(process.env.HOST_TEST_LOG ? createHostLogger() : undefined);
  const host = await startHost({
    appDir: options.appDir,
    port: 0,
    dataDir,
    azuritePorts: 'random',
    extensions: options.extensions,
    env: options.env,
    log,
    blobPollMs: options.blobPollMs ?? 200,
  });
  return {
    baseUrl: host.baseUrl,
    keys: host.keys,
    connectionString: host.connectionString,
    dataDir,
    host,
    logs: log.lines,
    async stop() {
      await host.stop();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
