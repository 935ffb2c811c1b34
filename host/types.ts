/**
 * Contracts between the parts of the embedded host: the Functions half (loader, invoker, HTTP server, blob
 * trigger) and extensions such as the Durable engine. The host is app-agnostic: nothing here knows Clinscribe.
 */

/** Binding metadata as the app registered it (`registerFunction(metadata, …)`), trigger included. */
export interface BindingInfo {
  type: string;
  direction: 'in' | 'out' | 'inout';
  [key: string]: unknown;
}

export interface RegisteredFunctionInfo {
  name: string;
  /** The trigger binding's name and info (e.g. `{name: 'context', type: 'orchestrationTrigger', …}`). */
  trigger: BindingInfo & { name: string };
  bindings: Record<string, BindingInfo>;
}

/** Invokes registered functions through the library's ProgrammingModel, as the Node worker does. */
export interface FunctionInvoker {
  functions(): RegisteredFunctionInfo[];
  /**
   * Invokes `functionName` with `triggerValue` as the trigger's data (delivered like the worker's RPC
   * `TypedData`: objects as json, Buffers as bytes, strings as string). Resolves with the function's return value
   * (for non-HTTP triggers) — the value the host would read back as `$return`.
   */
  invoke(functionName: string, triggerValue: unknown, triggerMetadata?: Record<string, unknown>): Promise<unknown>;
}

export interface HostKeys {
  master: string;
  functionKeys: Record<string, string>;
  /** Keys of host extensions (e.g. `durabletask_extension`): each opens only its extension's `system` routes. */
  systemKeys: Record<string, string>;
}

/** `system`: the master key or the route's own system key (`SystemRoute.systemKey`), never a function key. */
export type AuthLevel = 'anonymous' | 'function' | 'system' | 'admin';

export interface SystemRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Path parameters captured by the route pattern's named groups. */
  params: Record<string, string>;
}

export interface SystemResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: string | Buffer | object;
}

/** A host-provided route (not an app function), e.g. the Durable management API under /runtime/webhooks/durabletask. */
export interface SystemRoute {
  methods: string[];
  /** Matched against the URL pathname; named groups become `params`. */
  pattern: RegExp;
  auth: AuthLevel;
  /** With `auth: 'system'`: the name of the system key (in `HostKeys.systemKeys`) that opens this route. */
  systemKey?: string;
  handler(request: SystemRequest): Promise<SystemResponse>;
}

export interface HostLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the host hands an extension when it starts. */
export interface HostContext {
  invoker: FunctionInvoker;
  /** The data folder (`.data` by default): extensions keep their state under it. */
  dataDir: string;
  /** `http://127.0.0.1:<port>` once the server listens. */
  baseUrl: string;
  /** Parsed host.json of the app. */
  hostJson: Record<string, unknown>;
  keys: HostKeys;
  log: HostLogger;
}

/**
 * An extension adds trigger types (dispatched by the extension itself), input binding data (e.g. `durableClient`)
 * and system routes. `start` is called after the app loaded and the HTTP server listens; `stop` on shutdown.
 */
export interface HostExtension {
  name: string;
  triggerTypes: string[];
  /** Data for input bindings of these types, computed per invocation (the worker's `inputData` entry). */
  inputBindings?: Record<string, (binding: BindingInfo & { name: string }, fn: RegisteredFunctionInfo) => unknown>;
  /** Names of the system keys this extension needs; the host creates them in `keys.json` `systemKeys`. */
  systemKeys?: string[];
  routes?: SystemRoute[];
  start(context: HostContext): Promise<void>;
  stop(): Promise<void>;
}
