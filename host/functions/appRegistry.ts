import type {
  FunctionCallback,
  HookCallback,
  ProgrammingModel,
  RpcFunctionMetadata,
  RpcLogCategory,
  RpcLogLevel,
} from './rpcTypes';

/** One function as `registerFunction` received it, with the RPC metadata the worker derives from it. */
export interface RegisteredFunction {
  metadata: RpcFunctionMetadata & { name: string; functionId: string };
  callback: FunctionCallback;
}

export type LogSink = (level: RpcLogLevel, category: RpcLogCategory, message: string, invocationId?: string) => void;

/** What one loaded app registered through `@azure/functions-core`. */
export interface AppRegistry {
  appDir: string;
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, HookCallback[]>;
  programmingModel?: ProgrammingModel;
  /** Shared by all hooks of the app (the worker's `appHookData`). */
  appHookData: Record<string, unknown>;
  /** `hookData` of appStart/appTerminate hooks. */
  appLevelOnlyHookData: Record<string, unknown>;
  /** The entry point being loaded (for `scriptFile`), undefined outside loading. */
  currentEntryPoint?: string;
  /** Set once loading finished: registering a function afterwards fails like on the worker. */
  indexingLocked: boolean;
  log: LogSink;
}

/** Creates an empty registry for the app in `appDir`. */
export function createAppRegistry(appDir: string, log: LogSink): AppRegistry {
  return {
    appDir,
    functions: new Map(),
    hooks: new Map(),
    appHookData: {},
    appLevelOnlyHookData: {},
    indexingLocked: false,
    log,
  };
}
