import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { blobInputBinding } from './blob/blobInput';
import { createBlobTrigger } from './blob/createBlobTrigger';
import { probeDevelopmentStorage } from './blob/probeDevelopmentStorage';
import { openReceiptStore, type ReceiptStore } from './blob/receiptStore';
import { azuriteConnectionString, type RunningAzurite, startAzurite } from './blob/startAzurite';
import { createStorageClients } from './blob/storageClients';
import { createOutputWriter } from './blob/writeOutputs';
import { lockDataDir } from './dataDirLock';
import { loadApp, type LoadedApp } from './functions/loadApp';
import { readAppFiles } from './functions/readAppFiles';
import { withOutputBindings } from './functions/withOutputBindings';
import { createHttpServer } from './http/createHttpServer';
import { loadOrCreateKeys } from './http/keys';
import { createHostLogger } from './log';
import { ensurePrivateDir } from './privateFiles';
import { hostSystemRoutes } from './systemRoutes';
import type { HostExtension, HostKeys, HostLogger } from './types';

export interface StartHostOptions {
  appDir: string;
  /** HTTP port (default 7071; 0 = random). */
  port?: number;
  /** Data folder for keys, receipts, Azurite and extension state (default `<appDir>/.data`). */
  dataDir?: string;
  /** Azurite ports: the usual 10000–10002, or random free ones (tests). Ignored with an external storage account. */
  azuritePorts?: 'default' | 'random';
  extensions?: HostExtension[];
  /** Settings for the app (win over local.settings.json and the process env). `AzureWebJobsStorage` here selects external storage. */
  env?: Record<string, string>;
  log?: HostLogger;
  blobPollMs?: number;
  maxBlobAttempts?: number;
}

export interface RunningHost {
  baseUrl: string;
  keys: HostKeys;
  keysFile: string;
  dataDir: string;
  connectionString: string;
  /** Set when this host started Azurite itself. */
  azurite?: RunningAzurite;
  app: LoadedApp;
  stop(): Promise<void>;
}

const AZURITE_DEFAULT_ENDPOINTS = [
  'http://127.0.0.1:10000',
  'http://127.0.0.1:10001',
  'http://127.0.0.1:10002',
] as const;
const BUILT_IN_TRIGGERS = new Set(['httptrigger', 'blobtrigger']);

/** Starts storage (Azurite unless an account is configured), loads the app, listens, starts triggers and extensions. */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const appDir = path.resolve(options.appDir);
  const dataDir = path.resolve(options.dataDir ?? path.join(appDir, '.data'));
  const log = options.log ?? createHostLogger();
  ensurePrivateDir(dataDir);
  const extensions = options.extensions ?? [];
  const { keys, file: keysFile } = loadOrCreateKeys(
    dataDir,
    extensions.flatMap((e) => e.systemKeys ?? []),
  );
  const unlock = lockDataDir(dataDir);
  const cleanups: (() => Promise<void> | void)[] = [unlock];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  };
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  let storageReady: Promise<void> = Promise.resolve();
  try {
    const configured =
      options.env?.AzureWebJobsStorage ??
      process.env.AzureWebJobsStorage ??
      readAppFiles(appDir).settings.AzureWebJobsStorage;
    let azurite: RunningAzurite | undefined;
    let connectionString = configured ?? '';
    const random = options.azuritePorts === 'random';
    const useDevStorage = !configured || configured === 'UseDevelopmentStorage=true';
    // An Azurite the user already runs on 10000–10002 is used as it is; another program there is a clear error.
    if (useDevStorage && !random && (await probeDevelopmentStorage()) === 'azurite') {
      connectionString = azuriteConnectionString(...AZURITE_DEFAULT_ENDPOINTS);
      log.info('Using the Azurite already listening on 127.0.0.1:10000-10002');
    } else if (useDevStorage) {
      const starting = startAzurite({
        location: path.join(dataDir, 'azurite'),
        blobPort: random ? 0 : 10000,
        queuePort: random ? 0 : 10001,
        tablePort: random ? 0 : 10002,
      }).then((running) => {
        azurite = running;
        cleanups.push(() => running.stop());
        timings.storageMs = Date.now() - t0;
        return running;
      });
      if (random) {
        connectionString = (await starting).connectionString;
      } else {
        // Fixed ports give the connection string up front: load the app while Azurite starts (appStart hooks wait).
        connectionString = azuriteConnectionString(...AZURITE_DEFAULT_ENDPOINTS);
        storageReady = starting.then(() => undefined);
        storageReady.catch(() => undefined); // handled where awaited; this keeps an early failure from crashing
      }
    }
    process.env.AzureWebJobsStorage = connectionString;
    const env = { ...options.env, AzureWebJobsStorage: connectionString };
    const storage = createStorageClients(connectionString);
    const app = await loadApp(appDir, {
      extensions,
      env,
      log,
      inputBindings: { blob: blobInputBinding(storage) },
      beforeAppStart: storageReady,
    });
    cleanups.push(() => app.terminate());
    timings.loadMs = Date.now() - t0;

    const extensionTriggers = new Set(extensions.flatMap((e) => e.triggerTypes.map((t) => t.toLowerCase())));
    const unsupported = new Set(
      app.functions
        .map((f) => f.trigger.type)
        .filter((t) => !BUILT_IN_TRIGGERS.has(t.toLowerCase()) && !extensionTriggers.has(t.toLowerCase())),
    );
    for (const type of unsupported)
      log.warn(`Trigger type "${type}" is not implemented by this host; its functions will not be triggered`, { type });

    const receipts: ReceiptStore = openReceiptStore(dataDir);
    cleanups.push(() => receipts.close());
    const writeOutputs = createOutputWriter(storage, log);
    const blobTrigger = createBlobTrigger({
      functions: app.functions,
      invoker: app.invoker,
      storage,
      receipts,
      writeOutputs,
      log,
      pollMs: options.blobPollMs,
      maxAttempts: options.maxBlobAttempts,
    });
    const systemRoutes = [
      ...extensions.flatMap((e) => e.routes ?? []),
      ...hostSystemRoutes({ functions: app.functions, poisonList: () => receipts.poisonList() }),
    ];
    const server = createHttpServer({ app, keys, log, systemRoutes, writeOutputs });
    // Node's default 300 s cap on a whole request cut off slow large uploads (the Functions host has none): no
    // whole-request cap; headers within 60 s; a connection idle for 230 s (as Azure's front end) is closed.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.setTimeout(230_000);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 7071, '127.0.0.1', () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const extensionInvoker = withOutputBindings(app.invoker, writeOutputs);
    blobTrigger.start();
    cleanups.push(() => blobTrigger.stop());
    for (const ext of extensions) {
      await ext.start({ invoker: extensionInvoker, dataDir, baseUrl, hostJson: app.hostJson, keys, log });
      cleanups.push(() => ext.stop());
    }
    log.info('Host started', {
      baseUrl,
      functions: app.functions.length,
      blobTriggers: blobTrigger.count,
      ...timings,
      startMs: Date.now() - t0,
    });
    let stopped: Promise<void> | undefined;
    return { baseUrl, keys, keysFile, dataDir, connectionString, azurite, app, stop: () => (stopped ??= cleanup()) };
  } catch (error) {
    await storageReady.catch(() => undefined); // an Azurite still starting must be stopped too
    await cleanup();
    throw error;
  }
}
