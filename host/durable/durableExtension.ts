import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { HostContext, HostExtension, SystemRequest, SystemResponse, SystemRoute } from '../types';
import { clientBindingData, type ClientBindingInput } from './clientBinding';
import { DurableEngine } from './durableEngine';
import { type Durability, DurableStore } from './durableStore';
import { handleManagement } from './managementApi';

export interface DurableExtensionOptions {
  /** Store file (default `<dataDir>/durable.db`); `:memory:` for tests. */
  dbFile?: string;
  /**
   * Commit durability (default `full`, power-loss safe; `normal` is faster, may lose the last commits in an OS
   * crash). Also settable with the `DURABLE_SQLITE_SYNCHRONOUS` setting (`FULL` or `NORMAL`).
   */
  durability?: Durability;
}

function durabilityOf(options: DurableExtensionOptions): Durability {
  if (options.durability) return options.durability;
  const setting = (process.env.DURABLE_SQLITE_SYNCHRONOUS ?? '').trim().toUpperCase();
  if (setting === 'NORMAL') return 'normal';
  if (setting !== '' && setting !== 'FULL')
    throw new Error(`DURABLE_SQLITE_SYNCHRONOUS must be FULL or NORMAL (got '${setting}').`);
  return 'full';
}

interface DurableSettings {
  hubName?: string;
  maxConcurrentActivityFunctions?: number;
  maxConcurrentOrchestratorFunctions?: number;
}

function settingsOf(hostJson: Record<string, unknown>): DurableSettings {
  const ext = (hostJson.extensions ?? {}) as Record<string, unknown>;
  return (ext.durableTask ?? {}) as DurableSettings;
}

/** `%NAME%` app-setting references in host.json resolve from the environment; unresolved → default. */
function resolveSetting(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  const resolved = value.replace(/%([^%]+)%/g, (_, name: string) => process.env[name] ?? '');
  return resolved || fallback;
}

const ROOT = '/runtime/webhooks/durabletask';
/** The system key name the Functions host gives the Durable extension. */
export const SYSTEM_KEY = 'durabletask_extension';

/**
 * The Durable Functions extension of the embedded host: orchestration/activity triggers run by the SQLite-backed
 * engine, the `durableClient` input binding and the management API (system key), plus a key-less client RPC path
 * under an unguessable token.
 */
export function durableExtension(options: DurableExtensionOptions = {}): HostExtension {
  let engine: DurableEngine | undefined;
  let store: DurableStore | undefined;
  let urls: ClientBindingInput | undefined;
  const rpcToken = randomBytes(24).toString('base64url');

  const serve = async (req: SystemRequest, subpath: string): Promise<SystemResponse> => {
    if (!engine || !urls) return { status: 503, body: { message: 'The durable engine is not started.' } };
    return handleManagement({ ctx: engine.ctx, urls }, req, subpath);
  };
  const tokenOk = (token: string | undefined) => {
    const a = Buffer.from(token ?? '');
    const b = Buffer.from(rpcToken);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const routes: SystemRoute[] = [
    {
      methods: ['GET', 'POST', 'DELETE'],
      pattern: new RegExp(`^${ROOT}/rpc/(?<token>[^/]+)(?<rest>/.*)$`),
      auth: 'anonymous',
      handler: (req) =>
        tokenOk(req.params.token)
          ? serve(req, req.params.rest ?? '')
          : Promise.resolve({ status: 401, body: { message: 'Unauthorized.' } }),
    },
    {
      // As the Functions host: the Durable APIs open with the extension's system key (what the management URLs
      // carry) or the master key — never with a function key.
      methods: ['GET', 'POST', 'DELETE'],
      pattern: new RegExp(`^${ROOT}(?<rest>/(?:orchestrators|instances|entities)(?:/.*)?)$`),
      auth: 'system',
      systemKey: SYSTEM_KEY,
      handler: (req) => serve(req, req.params.rest ?? ''),
    },
    {
      methods: ['GET'],
      pattern: new RegExp(`^${ROOT}(?<rest>/dashboard(?:/.*)?)$`),
      auth: 'admin',
      handler: (req) => serve(req, req.params.rest ?? ''),
    },
  ];

  return {
    name: 'durable',
    triggerTypes: ['orchestrationTrigger', 'activityTrigger', 'entityTrigger'],
    systemKeys: [SYSTEM_KEY],
    inputBindings: {
      durableClient: () => (urls ? clientBindingData(urls) : undefined),
      orchestrationClient: () => (urls ? clientBindingData(urls) : undefined),
    },
    routes,
    async start(ctx: HostContext) {
      const settings = settingsOf(ctx.hostJson);
      const file = options.dbFile ?? path.join(ctx.dataDir, 'durable.db');
      if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
      const durability = durabilityOf(options);
      store = new DurableStore(file, durability);
      const taskHubName = resolveSetting(settings.hubName, 'TestHubName');
      const systemKey = ctx.keys.systemKeys[SYSTEM_KEY];
      if (!systemKey) throw new Error(`The host did not provide the ${SYSTEM_KEY} system key`);
      urls = { baseUrl: ctx.baseUrl, taskHubName, systemKey, rpcToken };
      // durable-functions rewrites binding URLs to localhost:7071 unless WEBSITE_HOSTNAME is set (as on Azure);
      // naming this host keeps createHttpManagementPayload's links pointing at the port actually served.
      if (!process.env.WEBSITE_HOSTNAME) process.env.WEBSITE_HOSTNAME = new URL(ctx.baseUrl).host;
      engine = new DurableEngine({
        store,
        invoker: ctx.invoker,
        log: ctx.log,
        options: {
          taskHubName,
          maxConcurrentActivityFunctions: settings.maxConcurrentActivityFunctions ?? 10,
          maxConcurrentOrchestratorFunctions: settings.maxConcurrentOrchestratorFunctions ?? 10,
        },
      });
      engine.start();
      ctx.log.info('Durable engine started', {
        store: file === ':memory:' ? 'memory' : 'sqlite',
        durability,
        taskHubName,
      });
    },
    async stop() {
      await engine?.stop();
      store?.close();
      engine = undefined;
      store = undefined;
    },
  };
}
