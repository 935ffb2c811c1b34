import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import fg from 'fast-glob';

import { HostStartupError } from '../hostStartupError';
import { createHostLogger } from '../log';
import type { HostExtension, HostLogger, RegisteredFunctionInfo } from '../types';
import { type AppRegistry, createAppRegistry, type LogSink } from './appRegistry';
import { activateApp, currentProgrammingModel, installCoreApi } from './coreApi';
import { type AppInvoker, createInvoker, type InputBindingProvider } from './createInvoker';
import { readAppFiles } from './readAppFiles';
import { runHooks } from './runHooks';

export interface LoadAppOptions {
  /** Extensions whose trigger types and input bindings the invoker should know. */
  extensions?: HostExtension[];
  /** Host-implemented input bindings (e.g. `blob`), besides the extensions'. */
  inputBindings?: Record<string, InputBindingProvider>;
  /** Extra environment, applied after local.settings.json `Values` (which never override the process env). */
  env?: Record<string, string>;
  log?: HostLogger;
  /** Awaited after the entry files loaded and before appStart hooks run (storage still starting). */
  beforeAppStart?: Promise<void>;
}

export interface LoadedApp {
  appDir: string;
  hostJson: Record<string, unknown>;
  packageJson: Record<string, unknown>;
  functions: RegisteredFunctionInfo[];
  invoker: AppInvoker;
  /** Worker capabilities reported by the programming model (`HttpUri` when the app enabled HTTP streaming). */
  capabilities: Record<string, string>;
  /** Adds input binding providers (extensions started later). */
  addInputBindings(providers: Record<string, InputBindingProvider>): void;
  /** Runs the app's appTerminate hooks. */
  terminate(): Promise<void>;
}

let loading: Promise<unknown> = Promise.resolve();

function forgetAppModules(appDir: string): void {
  const hostRoot = path.resolve(__dirname, '..');
  for (const file of Object.keys(require.cache)) {
    if (
      file.startsWith(appDir + path.sep) &&
      !file.includes(`${path.sep}node_modules${path.sep}`) &&
      !file.startsWith(hostRoot + path.sep)
    ) {
      delete require.cache[file];
    }
  }
}

function describeLoadError(file: string, error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  // A SyntaxError from require() names the file and line only in the first line of its stack.
  const where = err instanceof SyntaxError ? ((err.stack ?? '').split('\n')[0] ?? '') : '';
  const location = where && where !== `${err.name}: ${err.message}` ? ` (${where})` : '';
  return `Worker was unable to load entry point "${file}": ${err.name}: ${err.message}${location}`;
}

async function loadEntryPoints(app: AppRegistry, main: string, isEsm: boolean): Promise<void> {
  const files = await fg(main, { cwd: app.appDir, onlyFiles: true });
  if (files.length === 0) {
    const reason = fg.isDynamicPattern(main) ? 'Found zero files matching the supplied pattern' : 'File does not exist';
    throw new HostStartupError(`Worker was unable to load entry point "${main}": ${reason}`);
  }
  for (const file of files.sort()) {
    const full = path.join(app.appDir, file);
    app.currentEntryPoint = full;
    try {
      if (full.endsWith('.mjs') || (isEsm && !full.endsWith('.cjs'))) await import(pathToFileURL(full).href);
      else createRequire(full)(full);
    } catch (error) {
      throw new HostStartupError(describeLoadError(file, error), { cause: error });
    } finally {
      app.currentEntryPoint = undefined;
    }
  }
}

/**
 * Loads a Functions v4 Node app like the worker: provides `@azure/functions-core`, applies local.settings.json,
 * imports every file matching package.json `main`, runs appStart hooks, then locks registration.
 */
export async function loadApp(appDir: string, options: LoadAppOptions = {}): Promise<LoadedApp> {
  const run = loading.then(() => loadAppNow(path.resolve(appDir), options));
  loading = run.catch(() => undefined);
  return run;
}

async function loadAppNow(appDir: string, options: LoadAppOptions): Promise<LoadedApp> {
  if (!fs.existsSync(appDir)) throw new HostStartupError(`App folder ${appDir} does not exist`);
  const log = options.log ?? createHostLogger();
  const files = readAppFiles(appDir);
  for (const [k, v] of Object.entries(files.settings)) if (process.env[k] === undefined) process.env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) process.env[k] = v;

  const sink: LogSink = (rawLevel, category, rawMessage, invocationId) => {
    // Log hooks see every log first and may change its level or message (as `LogHookContext` allows).
    const entry = { level: rawLevel, message: rawMessage, category, hookData: {}, appHookData: app.appHookData };
    for (const hook of app.hooks.get('log') ?? []) {
      try {
        void hook(entry);
      } catch {
        // a failing log hook must not break logging
      }
    }
    const { level, message } = entry;
    if (level === 'debug' || level === 'trace' || level === 'none') return;
    const method = level === 'error' || level === 'critical' ? 'error' : level === 'warning' ? 'warn' : 'info';
    log[method](message, { category, invocationId });
  };
  const app = createAppRegistry(appDir, sink);
  installCoreApi();
  activateApp(app);
  forgetAppModules(appDir);
  await loadEntryPoints(app, files.packageJson.main ?? '', files.packageJson.type === 'module');
  if (app.functions.size === 0) log.warn('The app registered no functions', { appDir });
  if (!currentProgrammingModel(app))
    throw new HostStartupError('The app never loaded @azure/functions v4 (no programming model set)');

  await options.beforeAppStart;
  const appStart = { hookData: app.appLevelOnlyHookData, appHookData: app.appHookData, functionAppDirectory: appDir };
  await runHooks(app, 'appStart', appStart);
  const model = currentProgrammingModel(app);
  const capabilities = (await model?.getCapabilities?.({})) ?? {};
  app.indexingLocked = true;

  const providers: Record<string, InputBindingProvider> = { ...options.inputBindings };
  for (const ext of options.extensions ?? []) Object.assign(providers, ext.inputBindings ?? {});
  const ignored = new Set<string>();
  const invoker = createInvoker(
    app,
    () => providers,
    (type, fn) => {
      if (ignored.has(type)) return;
      ignored.add(type);
      log.warn(`Binding type "${type}" is not implemented by this host; ignored`, { function: fn, type });
    },
  );
  return {
    appDir,
    hostJson: files.hostJson,
    packageJson: files.packageJson,
    functions: invoker.functions(),
    invoker,
    capabilities,
    addInputBindings: (more) => Object.assign(providers, more),
    terminate: async () =>
      runHooks(app, 'appTerminate', { hookData: app.appLevelOnlyHookData, appHookData: app.appHookData }),
  };
}
