import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { probeDevelopmentStorage } from './probeDevelopmentStorage';
import { type RunningAzurite, startAzurite } from './startAzurite';

const servers: Server[] = [];
const location = path.join(os.tmpdir(), `probe-azurite-${process.pid}`);
let azurite: RunningAzurite | undefined;
afterEach(async () => {
  for (const s of servers.splice(0)) s.close();
  await azurite?.stop();
  azurite = undefined;
  fs.rmSync(location, { recursive: true, force: true });
});

async function listen(serverHeader: string): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(200, { server: serverHeader }).end());
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('probeDevelopmentStorage (issue 15 item 17)', () => {
  it('uses an Azurite that already answers, and starts one when the ports are free', async () => {
    azurite = await startAzurite({
      location,
      ...{ blobPort: 0, queuePort: 0, tablePort: 0 },
    });
    const ports = [azurite.blobEndpoint, azurite.queueEndpoint, azurite.tableEndpoint].map((e) =>
      Number(new URL(e).port),
    );
    await expect(probeDevelopmentStorage(ports)).resolves.toBe('azurite');
    await expect(probeDevelopmentStorage([await freePort(), await freePort(), await freePort()])).resolves.toBe('free');
  }, 60_000);

  it('names the port another program holds and how to choose other storage', async () => {
    const busy = await listen('nginx');
    await expect(probeDevelopmentStorage([busy, await freePort(), await freePort()])).rejects.toThrow(
      new RegExp(`Port ${busy} is in use by another program \\(not Azurite\\).*AzureWebJobsStorage.*--blobPort`),
    );
  });
});
