import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManifestSchema } from '../../src/model/manifest';
import type { TestHost } from '../helpers/hostHarness';
import { waitFor } from '../helpers/hostHarness';
import { loadScript } from '../helpers/synthesize';
import { makePdf } from '../unit/documents/makePdf';
import { Api, expectCompleteEncounter, scriptToText, scriptToVtt, startPipelineHost } from './pipeline-helpers';

let host: TestHost;
let api: Api;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
});
afterAll(async () => host?.stop());

describe('pipeline on the embedded host: documents', () => {
  it('txt, vtt and pdf uploads each complete with every artifact valid and grounded', async () => {
    const script = await loadScript('enc-cough-uri');
    const text = scriptToText(script);
    const uploads = [
      Buffer.from(text),
      Buffer.from(scriptToVtt(script)),
      makePdf([text.split('\n').filter(Boolean).slice(0, 10), text.split('\n').filter(Boolean).slice(10)]),
    ];
    const started = await Promise.all(
      uploads.map((content, i) => api.upload(content, { template: ['soap', 'hp', 'progress'][i]! })),
    );
    for (const { encounterId, location, statusQueryGetUri } of started) {
      expect(encounterId).toMatch(/^enc-[0-9a-f]{32}$/);
      expect(location).toBe(statusQueryGetUri);
    }
    for (const { encounterId } of started) {
      await api.settle(encounterId);
      await expectCompleteEncounter(api, encounterId);
    }
    const engines = await Promise.all(
      started.map(async ({ encounterId }) => (await api.get(encounterId)).manifest!.engines.transcript),
    );
    expect(engines).toEqual(['document-txt', 'document-vtt', 'document-pdf']);
    const vtt = (await (await api.artifact(started[1]!.encounterId, 'transcript')).json()) as {
      segments: { start: number; role: string }[];
    };
    expect(vtt.segments[1]).toMatchObject({ start: 3, role: 'patient' });
  });

  it('the blob trigger starts an upload made straight to storage, once, with options from its metadata', async () => {
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const uploads = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('uploads');
    await uploads.createIfNotExists();
    const content = Buffer.from('Doctor: Any headache?\nPatient: Yes, a mild headache since yesterday. No fever.\n');
    await uploads
      .getBlockBlobClient('direct/visit-1.txt')
      .uploadData(content, { metadata: { clinscribeoptions: '{"template":"hp"}' } });
    const found = await waitFor(
      async () => {
        const response = await api.fetch('/api/encounters?pageSize=100');
        const page = (await response.json()) as { items: { encounterId: string }[] };
        for (const item of page.items) {
          const view = await api.get(item.encounterId);
          if (view.manifest?.input.name === 'direct/visit-1.txt') return view;
        }
        return undefined;
      },
      60_000,
      500,
    );
    const done = await api.settle(found.encounterId);
    expect(done.runtime?.runtimeStatus).toBe('Completed');
    expect(ManifestSchema.parse(done.manifest).options).toMatchObject({ template: 'hp' });
    const note = (await (await api.artifact(found.encounterId, 'note')).json()) as { template: string };
    expect(note.template).toBe('hp');
  });

  it('an API upload (which the blob trigger also sees) is one encounter, and listing pages through all', async () => {
    const before = await listAll();
    const { encounterId } = await api.upload(
      Buffer.from('Doctor: How is your knee?\nPatient: My knee pain is better.\n'),
    );
    await api.settle(encounterId);
    // Give the blob trigger time to see the API's upload too; it must find the instance and start nothing.
    await new Promise((r) => setTimeout(r, 1500));
    const after = await listAll(1);
    expect(after.length).toBe(before.length + 1);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toContain(encounterId);
  });

  it('refuses bad requests at the edge with readable reasons', async () => {
    const cases: [Promise<Response>, number, string][] = [
      [
        api.fetch('/api/encounters', {
          method: 'POST',
          body: Buffer.alloc(64),
          headers: { 'content-type': 'application/octet-stream' },
        }),
        415,
        'UnsupportedType',
      ],
      [api.fetch('/api/encounters?template=poem', { method: 'POST', body: 'Doctor: hi' }), 400, 'InvalidOptions'],
      [api.fetch('/api/encounters/enc-0123456789abcdef0123456789abcdef'), 404, 'NotFound'],
      [api.fetch('/api/encounters/not-an-id/transcript'), 404, 'NotFound'],
    ];
    for (const [request, status, code] of cases) {
      const response = await request;
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const anonymous = await fetch(`${host.baseUrl}/api/encounters`);
    expect(anonymous.status).toBe(401);
  });
});

async function listAll(pageSize = 100): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const response = await api.fetch(
      `/api/encounters?pageSize=${pageSize}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
    );
    const page = (await response.json()) as { items: { encounterId: string }[]; continuationToken?: string };
    ids.push(...page.items.map((i) => i.encounterId));
    token = page.continuationToken;
  } while (token);
  return ids;
}
