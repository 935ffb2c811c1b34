/**
 * The `@azure/functions-core` module, provided through a require hook as the Node worker does
 * (azure-functions-nodejs-worker `setupCoreModule`). `@azure/functions` caches this module on first use and sets
 * its programming model only once per process, so the module is one singleton that routes every call to the
 * registry of the app being loaded (or, after loading, the app loaded last).
 */
import Module from 'node:module';
import path from 'node:path';

import type { AppRegistry } from './appRegistry';
import type { FunctionCallback, HookCallback, ProgrammingModel, RpcLogCategory, RpcLogLevel } from './rpcTypes';

const HOOK_NAMES = new Set(['appStart', 'appTerminate', 'preInvocation', 'postInvocation', 'log']);

class Disposable {
  static from(...items: { dispose: () => unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  #callOnDispose: (() => unknown) | undefined;
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): unknown {
    const fn = this.#callOnDispose;
    this.#callOnDispose = undefined;
    return fn?.();
  }
}

let active: AppRegistry | undefined;
let sharedModel: ProgrammingModel | undefined;

function current(): AppRegistry {
  if (!active) throw new Error('No Azure Functions app is loading');
  return active;
}

interface FunctionMetadataInput {
  name: string;
  functionId?: string;
  bindings: Record<string, Record<string, unknown>>;
}

const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1037.0',
  Disposable,
  setProgrammingModel(model: ProgrammingModel): void {
    sharedModel = model;
    if (active) active.programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return active?.programmingModel ?? sharedModel;
  },
  registerFunction(metadata: FunctionMetadataInput, callback: FunctionCallback): Disposable {
    const app = current();
    if (app.indexingLocked) throw new Error('A function can only be registered during app startup.');
    const functionId = metadata.functionId ?? metadata.name;
    if (app.functions.has(functionId)) {
      throw new Error(`A function with id "${functionId}" has already been registered.`);
    }
    app.functions.set(functionId, {
      metadata: {
        name: metadata.name,
        functionId,
        bindings: metadata.bindings,
        rawBindings: Object.entries(metadata.bindings).map(([name, b]) => JSON.stringify({ ...b, name })),
        scriptFile: app.currentEntryPoint ? path.basename(app.currentEntryPoint) : 'unknown',
        directory: app.currentEntryPoint ? path.dirname(app.currentEntryPoint) : undefined,
      },
      callback,
    });
    return new Disposable(() => {
      if (app.indexingLocked) throw new Error('A function can only be disposed during app startup.');
      app.functions.delete(functionId);
    });
  },
  registerHook(hookName: string, callback: HookCallback): Disposable {
    if (!HOOK_NAMES.has(hookName)) {
      // The worker throws a RangeError flagged as a system error; the library turns it into a clear message.
      throw Object.assign(new RangeError(`Unrecognized hook "${hookName}"`), { isAzureFunctionsSystemError: true });
    }
    const app = current();
    const list = app.hooks.get(hookName) ?? [];
    list.push(callback);
    app.hooks.set(hookName, list);
    return new Disposable(() => {
      const at = list.indexOf(callback);
      if (at >= 0) list.splice(at, 1);
    });
  },
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
    active?.log(level, category, message);
  },
};

let installed = false;

/** Installs the require hook (idempotent). */
export function installCoreApi(): void {
  if (installed) return;
  installed = true;
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  proto.require = new Proxy(proto.require, {
    apply(target, thisArg, args: unknown[]) {
      if (args[0] === '@azure/functions-core') return coreApi;
      return Reflect.apply(target, thisArg, args) as unknown;
    },
  });
}

/** Routes core-API calls to `app` (it stays the target until another app is activated). */
export function activateApp(app: AppRegistry): void {
  active = app;
  if (!app.programmingModel && sharedModel) app.programmingModel = sharedModel;
}

/** The programming model set by `@azure/functions` in this process, if any. */
export function currentProgrammingModel(app: AppRegistry): ProgrammingModel | undefined {
  return app.programmingModel ?? sharedModel;
}
