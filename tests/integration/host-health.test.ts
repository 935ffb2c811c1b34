import { createRequire } from 'node:module';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type * as HealthModule from '../../src/functions/health';
import { startTestHost, type TestHost } from '../helpers/hostHarness';

// The real app (package.json `main` globs the compiled functions): run `npm run build` first.
const appDir = path.resolve(__dirname, '../..');
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({
    appDir,
    env: { SPEECH_ENGINE: 'local', LANGUAGE_ENGINE: 'local', NOTE_ENGINE: 'local' },
  });
});
afterAll(async () => {
  await host?.stop();
});

describe('the real app on the embedded host', () => {
  it('answers GET /api/health anonymously with the engines and reachable storage', async () => {
    const res = await fetch(`${host.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      status: 'ok',
      engines: { speech: 'local', language: 'local', note: 'local' },
      storage: { reachable: true },
    });
  });

  it('reports storage as unreachable with 503 when the account cannot be reached', async () => {
    // The host already loaded the compiled module; requiring it again returns that instance (no second registration).
    const { healthReport } = createRequire(__filename)(
      path.join(appDir, 'dist/src/functions/health.js'),
    ) as typeof HealthModule;
    const report = await healthReport({
      AzureWebJobsStorage:
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
    });
    expect(report).toMatchObject({ status: 'degraded', storage: { reachable: false }, engines: { speech: 'local' } });
  });
});
