/**
 * The bad-inputs suite (issue 10): every case gets its clear error (a code and a message, never a stack or a
 * path), the host keeps serving, an accepted upload is kept, and every legal blob name is processed exactly once.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestHost, waitFor } from '../helpers/hostHarness';
import { Api, startPipelineHost } from '../integration/pipeline-helpers';
import {
  type ApiCase,
  BLOB_NAMES,
  BODY_CASES,
  CASE_COUNT,
  DIALOGUE,
  FILE_CASES,
  METADATA_CASES,
  OPTION_CASES,
  PATH_CASES,
} from './cases';

/** A stack frame, an absolute path of this machine, or a Node error name leaking through. */
const INTERNALS = /\bat \S+ \(|\.[jt]s:\d+:\d+|\/(?:home|tmp|work|usr|var|opt)\/|node_modules|TypeError|ReferenceError/;

let host: TestHost;
let api: Api;
let blobs: BlobServiceClient;
let tried = 0;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
  blobs = BlobServiceClient.fromConnectionString(host.connectionString);
}, 120_000);
afterAll(async () => {
  process.stderr.write(`bad inputs tried: ${tried} of ${CASE_COUNT} cases\n`);
  await host?.stop();
});

async function expectClear(response: Response, c: ApiCase): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, `${c.name}: ${text.slice(0, 300)}`).toBe(c.status);
  expect(text, c.name).not.toMatch(INTERNALS);
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (c.code) expect(body, c.name).toMatchObject({ error: { code: c.code } });
  if (response.status >= 400) expect((body.error as { message?: string }).message, c.name).toBeTruthy();
  return body;
}

async function expectFailed(id: string, code: string, label: string) {
  const view = await api.settle(id, (v) => v.manifest?.status === 'Failed', 180_000);
  expect(view.manifest?.status, label).toBe('Failed');
  expect(view.manifest?.error?.code, `${label}: ${JSON.stringify(view.manifest?.error)}`).toBe(code);
  for (const text of [JSON.stringify(view.manifest?.error), JSON.stringify(view.runtime)])
    expect(text, label).not.toMatch(INTERNALS);
  // The upload is kept (until the encounter is deleted).
  const input = view.manifest!.input;
  expect(await blobs.getContainerClient(input.container).getBlobClient(input.name).exists(), label).toBe(true);
}

describe(`bad inputs (${CASE_COUNT} cases)`, () => {
  it('has at least 60 cases', () => {
    expect(CASE_COUNT).toBeGreaterThanOrEqual(60);
  });

  it.each([...FILE_CASES, ...OPTION_CASES, ...BODY_CASES, ...PATH_CASES].map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      tried++;
      const response = await api.fetch(c.path, {
        method: c.method ?? 'GET',
        body: c.body,
        headers: c.headers,
      });
      const body = await expectClear(response, c);
      if (c.failsWith) await expectFailed(String(body.encounterId), c.failsWith, c.name);
    },
    200_000,
  );

  it('a JSON body declared far over the cap is refused before it is read', async () => {
    tried++;
    const { request } = await import('node:http');
    const url = new URL(`${host.baseUrl}/api/encounters/enc-0123456789abcdef/review`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '600000000', 'x-functions-key': api.key },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write('{"action":"approve","comment":"');
    });
    expect(status).toBe(413);
  });

  it('processes every legal blob name dropped into uploads/ exactly once, and keeps serving', async () => {
    tried += BLOB_NAMES.length;
    const container = blobs.getContainerClient('uploads');
    await container.createIfNotExists();
    for (const name of BLOB_NAMES) await container.getBlockBlobClient(name).upload(DIALOGUE, DIALOGUE.length);
    const byName = await waitFor(
      async () => {
        const page = await (await api.fetch('/api/encounters?pageSize=100')).json();
        const ids = (page as { items: { encounterId: string }[] }).items.map((i) => i.encounterId);
        const views = await Promise.all(ids.map((id) => api.get(id)));
        const found = new Map<string, string[]>();
        for (const v of views) {
          const name = v.manifest?.input.name ?? '';
          if (BLOB_NAMES.includes(name)) found.set(name, [...(found.get(name) ?? []), v.encounterId]);
        }
        return found.size === BLOB_NAMES.length ? found : undefined;
      },
      180_000,
      1000,
    );
    for (const [name, ids] of byName) {
      expect(ids, name).toHaveLength(1);
      const view = await api.settle(ids[0]!);
      expect(view.runtime?.runtimeStatus, name).toBe('Completed');
    }
    expect((await fetch(`${host.baseUrl}/api/health`)).status).toBe(200);
  }, 400_000);

  it.each(METADATA_CASES.map((c) => [c.name, c] as const))(
    'upload metadata clinscribeoptions: %s',
    async (_name, c) => {
      tried++;
      const name = `metadata-${METADATA_CASES.indexOf(c)}.txt`;
      const client = blobs.getContainerClient('uploads').getBlockBlobClient(name);
      await client.upload(DIALOGUE, DIALOGUE.length, { metadata: { clinscribeoptions: c.value } });
      const id = await waitFor(
        async () => {
          const page = (await (await api.fetch('/api/encounters?pageSize=100')).json()) as {
            items: { encounterId: string }[];
          };
          for (const item of page.items) {
            const view = await api.get(item.encounterId);
            if (view.manifest?.input.name === name) return item.encounterId;
          }
          return undefined;
        },
        120_000,
        500,
      );
      if (c.failsWith) await expectFailed(id, c.failsWith, c.name);
      else expect((await api.settle(id)).runtime?.runtimeStatus).toBe('Completed');
    },
    200_000,
  );
});
