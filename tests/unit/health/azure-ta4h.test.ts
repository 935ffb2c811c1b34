import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createAzureHealthEngine } from '../../../src/engines/health/azure-ta4h';
import { planChunks } from '../../../src/engines/health/planChunks';
import type { ClinscribeError } from '../../../src/errors';
import { NonRetriableError, TransientError } from '../../../src/errors';
import { setLogSink } from '../../../src/log';
import type { FakeOptions, FakeService } from './fakeLanguageService';
import { startFakeLanguageService } from './fakeLanguageService';

const segs = (...texts: string[]) => ({
  segments: texts.map((text, i) => ({
    id: `s${i + 1}`,
    speaker: 'A',
    role: 'other' as const,
    start: 0,
    end: 0,
    text,
    words: [],
  })),
});
let fake: FakeService | undefined;
beforeAll(() => setLogSink(() => undefined));
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeOptions = {}) {
  fake = await startFakeLanguageService({ key: 'k', ...options });
  const waits: number[] = [];
  const engine = createAzureHealthEngine({
    endpoint: fake.url + '/',
    key: options.bearer ? undefined : 'k',
    credential: options.bearer
      ? { getToken: () => Promise.resolve({ token: options.bearer!, expiresOnTimestamp: Date.now() + 3_600_000 }) }
      : undefined,
    maxAttempts: 3,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  return { engine, waits, fake };
}

describe('Text Analytics for Health provider (against a local fake of the REST API)', () => {
  it('submits a Healthcare job with fhirVersion on the wire, polls it and maps the result back to the transcript', async () => {
    const { engine, fake, waits } = await setup({ runningPolls: 2, pollRetryAfter: '1' });
    const transcript = segs('Hello 👋🏽 there.', 'I had asthma. No fever.', 'Take metformin 500 mg.');
    const analysis = await engine.analyze(planChunks(transcript, 30));
    const submit = fake.requests.find((r) => r.method === 'POST')!;
    expect(submit.path).toBe('/language/analyze-text/jobs?api-version=2024-11-01');
    expect(submit.headers['ocp-apim-subscription-key']).toBe('k');
    expect(submit.body).toMatchObject({
      tasks: [
        {
          kind: 'Healthcare',
          parameters: { fhirVersion: '4.0.1', stringIndexType: 'Utf16CodeUnit', modelVersion: 'latest' },
        },
      ],
    });
    expect((submit.body as { analysisInput: { documents: unknown[] } }).analysisInput.documents.length).toBeGreaterThan(
      1,
    );
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);

    const full = transcript.segments.map((s) => s.text).join('\n');
    for (const e of analysis.entities) expect(full.slice(e.offset, e.offset + e.length)).toBe(e.text);
    expect(analysis.entities.map((e) => [e.text, e.segmentId, e.assertion])).toEqual([
      ['asthma', 's2', { temporal: 'past' }],
      ['fever', 's2', { certainty: 'negative' }],
      ['metformin', 's3', {}],
      ['500 mg', 's3', {}],
    ]);
    expect(analysis.entities[2]!.codes).toEqual([
      { system: 'UMLS', code: 'C0025598' },
      { system: 'RXNORM', code: '6809' },
    ]);
    expect(analysis.relations).toEqual([
      {
        type: 'DosageOfMedication',
        confidence: 0.99,
        roles: [
          { name: 'Dosage', entityId: 'e4' },
          { name: 'Medication', entityId: 'e3' },
        ],
      },
    ]);
    expect(analysis.fhirBundles?.length).toBeGreaterThan(0);
    expect(analysis.fhirBundles?.[0]?.bundle).toMatchObject({ resourceType: 'Bundle' });
    expect(analysis).toMatchObject({ engine: 'azure', modelVersion: '2023-04-28' });
  });

  it('honours Retry-After on 429 and retries', async () => {
    const { engine, fake, waits } = await setup({ submitFailures: [429, 429], retryAfter: '7' });
    const analysis = await engine.analyze(planChunks(segs('fever'), 100));
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    expect(waits).toEqual([7000, 7000]);
    expect(analysis.entities).toHaveLength(1);
  });

  it('gives up on persistent 5xx with a transient error', async () => {
    const { engine } = await setup({ submitFailures: [503, 503, 503] });
    await expect(engine.analyze(planChunks(segs('fever'), 100))).rejects.toBeInstanceOf(TransientError);
  });

  it('turns a failed job into a non-retriable error with the service code', async () => {
    const { engine } = await setup({ failJob: 'InvalidParameterValue' });
    const error = await engine.analyze(planChunks(segs('fever'), 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as ClinscribeError).code).toBe('InvalidParameterValue');
  });

  it('keeps the good documents of a partial result and warns about the failed one', async () => {
    const { engine } = await setup({ badDocumentMarker: 'BROKEN' });
    const analysis = await engine.analyze(planChunks(segs('fever here', 'BROKEN text', 'asthma there'), 12));
    expect(analysis.entities.map((e) => e.text)).toEqual(['fever', 'asthma']);
    expect(analysis.warnings).toContainEqual(expect.objectContaining({ code: 'InvalidDocument' }));
  });

  it('authenticates with Microsoft Entra ID when no key is given', async () => {
    const { engine, fake } = await setup({ key: undefined, bearer: 'token-123' });
    await engine.analyze(planChunks(segs('fever'), 100));
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer token-123');
    expect(fake.requests[0]!.headers['ocp-apim-subscription-key']).toBeUndefined();
  });

  it('sends at most 25 documents per job', async () => {
    const { engine, fake } = await setup();
    const analysis = await engine.analyze(planChunks(segs(...Array.from({ length: 30 }, () => 'no fever')), 8));
    const posts = fake.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { analysisInput: { documents: unknown[] } }).analysisInput.documents.length);
    expect(posts).toEqual([25, 5]);
    expect(analysis.entities).toHaveLength(30);
    expect(new Set(analysis.entities.map((e) => e.segmentId)).size).toBe(30);
    expect(analysis.entities.map((e) => e.id)).toEqual(Array.from({ length: 30 }, (_, i) => `e${i + 1}`));
  });

  it('reports a 4xx at submission without retrying', async () => {
    fake = await startFakeLanguageService({ key: 'right' });
    const engine = createAzureHealthEngine({ endpoint: fake.url, key: 'wrong', sleep: () => Promise.resolve() });
    const error = await engine.analyze(planChunks(segs('fever'), 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('Text Analytics for Health jobs polled by the orchestrator (submit, then one status check per poll)', () => {
  const chunks = () => planChunks(segs('No fever.', 'Take metformin 500 mg.'), 100);

  it('submit returns job ids without waiting; poll makes one GET and reports running with Retry-After (seconds)', async () => {
    const { engine, fake } = await setup({ runningPolls: 1, pollRetryAfter: '6' });
    const ids = await engine.submit(chunks());
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f-]+$/)]);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    expect(await engine.poll(chunks(), ids)).toEqual({ status: 'running', retryAfterMs: 6000 });
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    const done = await engine.poll(chunks(), ids);
    expect(done.status).toBe('succeeded');
    const analysis = (done as { result: { entities: { text: string }[] } }).result;
    expect(analysis.entities.map((e) => e.text)).toEqual(['fever', 'metformin', '500 mg']);
    const get = fake.requests.find((r) => r.method === 'GET')!;
    expect(get.path).toBe(`/language/analyze-text/jobs/${ids[0]}?api-version=2024-11-01`);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 40_000).toUTCString();
    const { engine } = await setup({ runningPolls: 1, pollRetryAfter: at });
    const polled = await engine.poll(chunks(), await engine.submit(chunks()));
    const ms = (polled as { retryAfterMs: number }).retryAfterMs;
    expect(polled.status).toBe('running');
    expect(ms).toBeGreaterThan(30_000);
    expect(ms).toBeLessThanOrEqual(40_000);
  });

  it('a 429 on a status check is "still running" with its Retry-After, not retried inside the call', async () => {
    const { engine, fake, waits } = await setup({ pollFailures: [429], pollRetryAfter: '11' });
    const ids = await engine.submit(chunks());
    expect(await engine.poll(chunks(), ids)).toEqual({ status: 'running', retryAfterMs: 11_000 });
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('a failed job is non-retriable with the service code; ids that do not match the plan are refused', async () => {
    const { engine } = await setup({ failJob: 'InvalidParameterValue' });
    const ids = await engine.submit(chunks());
    await expect(engine.poll(chunks(), ids)).rejects.toMatchObject({ code: 'InvalidParameterValue', retriable: false });
    await expect(engine.poll(chunks(), [...ids, ...ids])).rejects.toMatchObject({ code: 'InvalidInput' });
  });
});
