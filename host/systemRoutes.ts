import type { BlobReceipt } from './blob/receiptStore';
import type { RegisteredFunctionInfo, SystemRoute } from './types';

/** The host's own admin routes (master key): status, functions, and the blob trigger poison list. */
export function hostSystemRoutes(deps: {
  functions: RegisteredFunctionInfo[];
  poisonList(): BlobReceipt[];
}): SystemRoute[] {
  return [
    {
      methods: ['GET'],
      pattern: /^\/admin\/host\/status\/?$/,
      auth: 'admin',
      handler: async () => ({
        status: 200,
        body: { state: 'Running', version: 'embedded', functions: deps.functions.length },
      }),
    },
    {
      methods: ['GET'],
      pattern: /^\/admin\/functions\/?$/,
      auth: 'admin',
      handler: async () => ({
        status: 200,
        body: deps.functions.map((f) => ({ name: f.name, trigger: f.trigger.type, bindings: f.bindings })),
      }),
    },
    {
      methods: ['GET'],
      pattern: /^\/admin\/host\/blobtrigger\/poison\/?$/,
      auth: 'admin',
      handler: async () => ({ status: 200, body: deps.poisonList() }),
    },
  ];
}
