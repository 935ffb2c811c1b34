import type { TokenCredential } from '@azure/core-auth';
import type { Bundle } from '@medplum/fhirtypes';
import { afterEach, describe, expect, test } from 'vitest';

import { loadConfig } from '../../../src/config';
import { buildBundle } from '../../../src/engines/fhir/bundle';
import { exportBundle } from '../../../src/engines/fhir/export';
import { toTransaction } from '../../../src/engines/fhir/transaction';
import { NonRetriableError, TransientError } from '../../../src/errors';
import { setLogSink } from '../../../src/log';
import { type FakeFhirServer, startFakeFhirServer } from './fakeFhirServer';
import { encounterFixture } from './fixtures';

setLogSink(() => undefined);
const bundleOf = (id: string): Bundle => {
  const f = encounterFixture(id);
  return buildBundle(f.transcript, f.analysis, { encounterId: f.id, createdAt: '2026-11-23T10:00:00Z' });
};

let server: FakeFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('toTransaction', () => {
  test('every entry is a conditional create on its own identifier, or an idempotent PUT', () => {
    const tx = toTransaction(bundleOf('enc-back-pain'));
    expect(tx.type).toBe('transaction');
    for (const e of tx.entry!) {
      if (e.request!.method === 'POST')
        expect(e.request!.ifNoneExist).toMatch(/^identifier=urn%3Aietf%3Arfc%3A3986%7Curn%3Auuid%3A/);
      else expect(e.request).toEqual({ method: 'PUT', url: `Provenance/${e.fullUrl!.slice('urn:uuid:'.length)}` });
    }
  });
});

describe('exportBundle', () => {
  test('creates every resource once, rewrites references, and a re-export creates nothing', async () => {
    server = await startFakeFhirServer();
    const bundle = bundleOf('enc-diabetes-followup');
    const first = await exportBundle(bundle, { serverUrl: server.url });
    expect(first).toMatchObject({
      status: 200,
      entries: bundle.entry!.length,
      created: bundle.entry!.length,
      existing: 0,
    });
    expect(server.store.size).toBe(bundle.entry!.length);
    const stored = JSON.stringify([...server.store.values()]);
    expect(stored).not.toContain('"reference":"urn:uuid:');
    const patientKey = [...server.store.keys()].find((k) => k.startsWith('Patient/'))!;
    const condition = [...server.store.values()].find((r) => r.resourceType === 'Condition') as {
      subject: { reference: string };
    };
    expect(condition.subject.reference).toBe(patientKey);

    const again = await exportBundle(bundle, { serverUrl: server.url });
    expect(again).toMatchObject({ created: 0, existing: bundle.entry!.length });
    expect(server.store.size).toBe(bundle.entry!.length);
    expect(server.requests[0]!.contentType).toBe('application/fhir+json');
  });

  test('accepts the app config: FHIR_SERVER_URL without a scope sends no token', async () => {
    server = await startFakeFhirServer();
    const bundle = bundleOf('enc-back-pain');
    const result = await exportBundle(bundle, loadConfig({ FHIR_SERVER_URL: server.url }));
    expect(result.created).toBe(bundle.entry!.length);
    expect(server.requests[0]!.authorization).toBeUndefined();
    await expect(exportBundle(bundle, loadConfig({}))).rejects.toMatchObject({
      code: 'FhirServerNotConfigured',
      retriable: false,
    });
  });

  test('two encounters do not collide', async () => {
    server = await startFakeFhirServer();
    const a = bundleOf('enc-back-pain');
    const b = bundleOf('enc-cough-uri');
    await exportBundle(a, { serverUrl: server.url });
    await exportBundle(b, { serverUrl: server.url });
    expect(server.store.size).toBe(a.entry!.length + b.entry!.length);
  });

  test('429 is transient with Retry-After; the retry then succeeds without duplicates', async () => {
    server = await startFakeFhirServer();
    server.failures.push({ status: 429, headers: { 'retry-after': '7' } });
    const bundle = bundleOf('enc-cough-uri');
    const error = await exportBundle(bundle, { serverUrl: server.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(7000);
    expect(server.store.size).toBe(0);
    expect((await exportBundle(bundle, { serverUrl: server.url })).created).toBe(bundle.entry!.length);
  });

  test('503 is transient; 4xx is non-retriable with the OperationOutcome text, and nothing is half-written', async () => {
    server = await startFakeFhirServer();
    server.failures.push({ status: 503 });
    await expect(exportBundle(bundleOf('enc-back-pain'), { serverUrl: server.url })).rejects.toBeInstanceOf(
      TransientError,
    );
    const broken = bundleOf('enc-back-pain');
    (broken.entry![5]!.resource as { subject?: unknown }).subject = {
      reference: 'urn:uuid:00000000-0000-5000-8000-000000000000',
    };
    const error = await exportBundle(broken, { serverUrl: server.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(/400: unresolved reference urn:uuid:00000000/);
    expect(server.store.size).toBe(0);
  });

  test('sends the Entra token for the server scope when a credential is given', async () => {
    server = await startFakeFhirServer({ token: 'tok-123' });
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: (scope) => {
        scopes.push(...(Array.isArray(scope) ? scope : [scope]));
        return Promise.resolve({ token: 'tok-123', expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    };
    await exportBundle(bundleOf('enc-back-pain'), { serverUrl: server.url, credential });
    expect(scopes).toEqual([`${new URL(server.url).origin}/.default`]);
    await expect(exportBundle(bundleOf('enc-back-pain'), { serverUrl: server.url })).rejects.toThrow(/401/);
  });

  test('an unreachable server is transient', async () => {
    server = await startFakeFhirServer();
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(exportBundle(bundleOf('enc-back-pain'), { serverUrl: url })).rejects.toBeInstanceOf(TransientError);
  });
});
