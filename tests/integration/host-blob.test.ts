import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningAzurite, startAzurite } from '../../host/blob/startAzurite';
import { startTestHost, type TestHost, waitFor } from '../helpers/hostHarness';

const root = path.resolve(__dirname, '../..');
const appDir = path.join(root, 'tests/fixtures/apps/blobs');

interface Firing {
  name: string;
  sha256: string;
  isBuffer: boolean;
  blobTrigger: string;
  uri: string;
  contentLength: number;
  metadata: Record<string, string>;
}

const readFirings = (file: string): Firing[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Firing)
    : [];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(container: ContainerClient, names: string[]): Promise<Map<string, string>> {
  await container.createIfNotExists();
  const hashes = new Map<string, string>();
  for (const name of names) {
    const bytes = randomBytes(1000 + names.indexOf(name));
    await container.getBlockBlobClient(name).uploadData(bytes, { metadata: { source: 'test' } });
    hashes.set(name, sha(bytes));
  }
  return hashes;
}

describe('embedded host: blob trigger (in-process)', () => {
  let host: TestHost;
  let tmp: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blob-fires-'));
    host = await startTestHost({ appDir, env: { FIRE_LOG: path.join(tmp, 'fires.jsonl') } });
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fires once per blob with name, bytes and metadata; a failing blob is poisoned after 5 tries while others flow', async () => {
    const fires = path.join(tmp, 'fires.jsonl');
    const blobs = BlobServiceClient.fromConnectionString(host.connectionString);
    const uploads = blobs.getContainerClient('uploads');
    await upload(uploads, ['bad-always.txt']);
    const names = Array.from(
      { length: 20 },
      (_, i) => `visit-${String(i).padStart(2, '0')}${i % 5 === 0 ? '/nested/part.wav' : '.wav'}`,
    );
    const hashes = await upload(uploads, names);

    await waitFor(() => readFirings(fires).length >= 20);
    const poison = await waitFor(async () => {
      const res = await fetch(`${host.baseUrl}/admin/host/blobtrigger/poison`, {
        headers: { 'x-functions-key': host.keys.master },
      });
      const list = (await res.json()) as { blobName: string; attempts: number; functionName: string }[];
      return list.length > 0 ? list : undefined;
    });
    expect(poison).toEqual([
      expect.objectContaining({ blobName: 'bad-always.txt', attempts: 5, functionName: 'onUpload' }),
    ]);

    const firings = readFirings(fires);
    expect(firings.map((f) => f.name).sort()).toEqual([...names].sort());
    for (const f of firings) {
      expect(f.sha256).toBe(hashes.get(f.name));
      expect(f.isBuffer).toBe(true);
      expect(f.blobTrigger).toBe(`uploads/${f.name}`);
      expect(f.uri).toMatch(new RegExp(`/uploads/${f.name.replace(/[.]/g, '\\.')}$`));
      expect(f.metadata).toEqual({ source: 'test' });
      expect(f.contentLength).toBeGreaterThanOrEqual(1000);
    }
    const copy = await blobs.getContainerClient('copies').getBlobClient(`${names[1]}.len`).downloadToBuffer();
    expect(copy.toString()).toBe('1001');

    const poisonLog = host.logs.filter((l) => l.message === 'Blob moved to the poison list');
    expect(poisonLog).toHaveLength(1);
    expect(JSON.stringify(poisonLog)).not.toContain('bad-always');
    const queue = QueueServiceClient.fromConnectionString(host.connectionString).getQueueClient(
      'webjobs-blobtrigger-poison',
    );
    const [message] = (await queue.peekMessages()).peekedMessageItems;
    expect(JSON.parse(Buffer.from(message?.messageText ?? '', 'base64').toString())).toMatchObject({
      BlobName: 'bad-always.txt',
      ContainerName: 'uploads',
      FunctionId: 'Host.Functions.onUpload',
    });
  });

  it('fires again when a blob changes (new etag), and only for that blob', async () => {
    const fires = path.join(tmp, 'fires.jsonl');
    const before = readFirings(fires).length;
    const uploads = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('uploads');
    const hashes = await upload(uploads, ['visit-03.wav']);
    await waitFor(() => readFirings(fires).length > before);
    await new Promise((r) => setTimeout(r, 800)); // a few more scans: nothing else may fire
    const after = readFirings(fires).slice(before);
    expect(after.map((f) => [f.name, f.sha256])).toEqual([['visit-03.wav', hashes.get('visit-03.wav')]]);
  });
});

describe('embedded host: blob receipts across a SIGKILL of the host process', () => {
  let azurite: RunningAzurite;
  let tmp: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blob-kill-'));
    azurite = await startAzurite({ location: path.join(tmp, 'azurite'), blobPort: 0, queuePort: 0, tablePort: 0 });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await azurite?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function spawnHost(extraEnv: Record<string, string> = {}): { child: ChildProcess; completed: () => number } {
    const cli = path.join(root, 'bin/clinscribe-host.js');
    expect(fs.existsSync(path.join(root, 'dist/host/cli.js')), 'run `npm run build` first').toBe(true);
    const child = spawn(
      process.execPath,
      [cli, 'start', '--app', appDir, '--port', '0', '--data', path.join(tmp, 'data')],
      {
        env: {
          ...process.env,
          AzureWebJobsStorage: azurite.connectionString,
          FIRE_LOG: path.join(tmp, 'fires.jsonl'),
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.resume();
    return { child, completed: () => out.split('\n').filter((l) => l.includes('"Blob trigger completed"')).length };
  }

  it('fires 20 blobs exactly once: SIGKILL after 10, restart fires the other 10 and those uploaded while down', async () => {
    const fires = path.join(tmp, 'fires.jsonl');
    const uploads = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('uploads');
    const first = await upload(
      uploads,
      Array.from({ length: 20 }, (_, i) => `a-${String(i).padStart(2, '0')}.wav`),
    );
    const one = spawnHost({ STALL_AFTER: '10' });
    await waitFor(() => one.completed() >= 10, 60_000);
    one.child.kill('SIGKILL');
    await new Promise((r) => one.child.once('exit', r));
    expect(readFirings(fires)).toHaveLength(10);

    const whileDown = await upload(
      uploads,
      Array.from({ length: 5 }, (_, i) => `b-${i}.wav`),
    );
    const two = spawnHost();
    await waitFor(() => two.completed() >= 15, 60_000);
    await new Promise((r) => setTimeout(r, 2500)); // two more scan cycles: no blob may fire twice
    two.child.kill('SIGTERM');
    const exitCode = await new Promise((r) => two.child.once('exit', (code) => r(code)));
    expect(exitCode).toBe(0);

    const firings = readFirings(fires);
    const all = new Map([...first, ...whileDown]);
    expect(firings).toHaveLength(25);
    expect(firings.map((f) => f.name).sort()).toEqual([...all.keys()].sort());
    for (const f of firings) expect(f.sha256).toBe(all.get(f.name));
  });
});
