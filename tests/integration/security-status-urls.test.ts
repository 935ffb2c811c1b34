/**
 * Issue 10 item 1: a function-key caller never receives a management URL or a system/master key, polls the app's
 * own status route, and an orchestration started through the management API with a hostile input writes nothing.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestHost, waitFor } from '../helpers/hostHarness';
import { Api, startPipelineHost } from './pipeline-helpers';

let host: TestHost;
let api: Api;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
}, 120_000);
afterAll(async () => host?.stop());

const TEXT = 'Doctor: What brings you in today?\nPatient: I have had a dry cough for two weeks.\n';

async function blobNames(container: string): Promise<string[]> {
  const client = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient(container);
  if (!(await client.exists())) return [];
  const names: string[] = [];
  for await (const blob of client.listBlobsFlat()) names.push(blob.name);
  return names;
}

describe('encounter status URLs (no management URLs, no keys)', () => {
  it('answers POST /api/encounters with the app URLs only, and the status route polls to the end', async () => {
    const response = await api.fetch('/api/encounters', {
      method: 'POST',
      body: TEXT,
      headers: { 'content-type': 'text/plain' },
    });
    const raw = await response.text();
    expect(response.status, raw).toBe(202);
    const location = response.headers.get('location') ?? '';
    for (const text of [raw, location]) {
      expect(text).not.toMatch(/code=/i);
      expect(text).not.toContain(host.keys.master);
      expect(text).not.toContain('/runtime/webhooks');
    }
    const body = JSON.parse(raw) as Record<string, string>;
    const id = body.encounterId!;
    expect(body.encounterUri).toBe(`${host.baseUrl}/api/encounters/${id}`);
    expect(body.statusQueryGetUri).toBe(`${host.baseUrl}/api/encounters/${id}/status`);
    expect(location).toBe(body.statusQueryGetUri);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);

    const seen = new Set<number>();
    const final = await waitFor(
      async () => {
        const status = await api.fetch(`/api/encounters/${id}/status`);
        seen.add(status.status);
        const payload = (await status.json()) as Record<string, unknown>;
        if (status.status === 202) {
          expect(status.headers.get('location')).toBe(body.statusQueryGetUri);
          expect(status.headers.get('retry-after')).toMatch(/^\d+$/);
          return undefined;
        }
        expect(status.status).toBe(200);
        return payload;
      },
      120_000,
      200,
    );
    expect(final).toMatchObject({ instanceId: id, runtimeStatus: 'Completed', customStatus: { stage: 'completed' } });
    expect(final).toHaveProperty('createdTime');
    expect(final).toHaveProperty('lastUpdatedTime');
    expect(final).toMatchObject({ output: { encounterId: id, status: 'Completed' } });
    expect(final).not.toHaveProperty('input');
  });

  it('refuses the status route without a key and answers 404 for unknown or malformed ids', async () => {
    const unauthenticated = await fetch(`${host.baseUrl}/api/encounters/enc-0123456789abcdef/status`);
    expect(unauthenticated.status).toBe(401);
    expect((await api.fetch('/api/encounters/enc-0123456789abcdef/status')).status).toBe(404);
    expect((await api.fetch('/api/encounters/not-an-id/status')).status).toBe(404);
  });
});

describe('hostile orchestration input through the management API', () => {
  const start = async (input: unknown) => {
    const url = `${host.baseUrl}/runtime/webhooks/durabletask/orchestrators/encounterPipeline?code=${host.keys.master}`;
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(input) });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const settle = (id: string) =>
    waitFor(
      async () => {
        const url = `${host.baseUrl}/runtime/webhooks/durabletask/instances/${id}?code=${host.keys.master}`;
        const status = (await (await fetch(url)).json()) as { runtimeStatus?: string; output?: unknown };
        return ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus ?? '') ? status : undefined;
      },
      60_000,
      100,
    );
  const valid = {
    encounterId: 'enc-0123456789abcdef0123456789abcdef',
    source: { container: 'uploads', name: 'x.txt', etag: '"1"', type: 'txt' },
    options: { template: 'soap', review: false, locale: 'en-US', reviewTimeoutHours: 1, chunkGraphemes: 5000 },
    exportFhir: false,
  };

  it.each([
    ['a traversing encounterId', { ...valid, encounterId: '../uploads/traversal-demo' }],
    ['a source outside the uploads container', { ...valid, source: { ...valid.source, container: 'encounters' } }],
    ['a source name with ..', { ...valid, source: { ...valid.source, name: '../encounters/enc-1/manifest.json' } }],
    ['an absolute source name', { ...valid, source: { ...valid.source, name: '/etc/passwd' } }],
    ['a file type that is a path', { ...valid, source: { ...valid.source, type: '../../x' } }],
    ['no input at all', undefined],
  ])('%s: writes nothing and fails with InvalidInput', async (_label, input) => {
    const before = { uploads: await blobNames('uploads'), encounters: await blobNames('encounters') };
    const status = await settle(await start(input));
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('InvalidInput');
    expect(String(status.output)).not.toMatch(/\bat \S+\.js:\d+/);
    expect(await blobNames('uploads')).toEqual(before.uploads);
    expect(await blobNames('encounters')).toEqual(before.encounters);
  });
});
