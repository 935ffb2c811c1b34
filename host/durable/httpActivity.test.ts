import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { callHttp } from './httpActivity';

let server: Server | undefined;
afterEach(() => server?.close());

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('callHttp with a managed identity token source', () => {
  it('sends the token for <resource>/.default as a bearer token', async () => {
    const url = await listen((req, res) => res.end(req.headers.authorization ?? 'none'));
    const scopes: string[] = [];
    const out = await callHttp(
      {
        method: 'GET',
        uri: url,
        tokenSource: { resource: 'https://management.core.windows.net', kind: 'AzureManagedIdentity' },
      },
      undefined,
      async (scope) => {
        scopes.push(scope);
        return 'tok-123';
      },
    );
    expect(out.content).toBe('Bearer tok-123');
    expect(scopes).toEqual(['https://management.core.windows.net/.default']);
  });

  it('fails clearly, without sending the request, when no token can be had', async () => {
    let hits = 0;
    const url = await listen((_req, res) => {
      hits++;
      res.end();
    });
    const request = { method: 'GET', uri: url, tokenSource: { resource: 'https://vault.azure.net' } };
    await expect(
      callHttp(request, undefined, () => Promise.reject(new Error('ManagedIdentityCredential: no endpoint\nmore'))),
    ).rejects.toThrow(
      "callHttp: no managed identity token could be obtained for 'https://vault.azure.net': ManagedIdentityCredential: no endpoint",
    );
    expect(hits).toBe(0);
  });
});
