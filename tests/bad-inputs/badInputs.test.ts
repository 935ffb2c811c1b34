/**
 * The bad-inputs suite (issue 10): every case gets its clear error (a code and a message, never a stack or a
 * path), the host keeps serving, an accepted upload is kept, and every legal blob name is processed exactly once.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encounterId } from '../../src/functions/lib/encounterId';
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
  UNLISTABLE_NAME,
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

  // Concurrent: each case is independent, and most wait on a pipeline run.
  it.concurrent.each([...FILE_CASES, ...OPTION_CASES, ...BODY_CASES, ...PATH_CASES].map((c) => [c.name, c] as const))(
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

  it('processes every legal blob name dropped into uploads/ exactly once, despite an unlistable one, and keeps serving', async () => {
    tried += BLOB_NAMES.length;
    const container = blobs.getContainerClient('uploads');
    await container.createIfNotExists();
    await container.getBlockBlobClient(UNLISTABLE_NAME).upload(DIALOGUE, DIALOGUE.length);
    tried++;
    const ids = new Map<string, string>();
    for (const name of BLOB_NAMES) {
      const { etag } = await container.getBlockBlobClient(name).upload(DIALOGUE, DIALOGUE.length);
      ids.set(name, encounterId('uploads', name, etag!));
    }
    for (const [name, id] of ids) {
      await waitFor(async () => (await api.fetch(`/api/encounters/${id}`)).status === 200, 180_000, 500);
      const view = await api.settle(id, () => false, 180_000);
      expect(view.runtime?.runtimeStatus, name).toBe('Completed');
      expect(view.manifest?.input.name, name).toBe(name);
    }
    // Exactly once: no other encounter was started for these blobs.
    const page = (await (await api.fetch('/api/encounters?pageSize=100')).json()) as {
      items: { encounterId: string }[];
    };
    const views = await Promise.all(page.items.map((i) => api.get(i.encounterId)));
    for (const name of BLOB_NAMES)
      expect(
        views.filter((v) => v.manifest?.input.name === name).map((v) => v.encounterId),
        name,
      ).toEqual([ids.get(name)]);
    expect((await fetch(`${host.baseUrl}/api/health`)).status).toBe(200);
  }, 400_000);

  it.concurrent.each(METADATA_CASES.map((c) => [c.name, c] as const))(
    'upload metadata clinscribeoptions: %s',
    async (_name, c) => {
      tried++;
      const name = `metadata-${METADATA_CASES.indexOf(c)}.txt`;
      const client = blobs.getContainerClient('uploads').getBlockBlobClient(name);
      const { etag } = await client.upload(DIALOGUE, DIALOGUE.length, { metadata: { clinscribeoptions: c.value } });
      const id = encounterId('uploads', name, etag!);
      await waitFor(async () => (await api.fetch(`/api/encounters/${id}`)).status === 200, 120_000, 250);
      if (c.failsWith) await expectFailed(id, c.failsWith, c.name);
      else expect((await api.settle(id)).runtime?.runtimeStatus).toBe('Completed');
    },
    200_000,
  );
});
