import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AzureBatchSpeechEngine, batchDefinition } from '../../../src/engines/speech/azure-batch';
import { NonRetriableError } from '../../../src/errors';
import type { Transcript } from '../../../src/model/transcript';
import { synthesizeSentence } from '../../helpers/synthesize';
import { API, JOB, job, JOB_ID, service, SOURCE, speechError, SUBMIT } from './fakeBatchJob';
import { type FakeSpeechService, json, startFakeSpeechService } from './fakeSpeechService';

let fake: FakeSpeechService;
let audio: string;
const sleeps: number[] = [];
const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
const engine = (): AzureBatchSpeechEngine =>
  new AzureBatchSpeechEngine({
    endpoint: fake.base,
    key: 'batch-key',
    retry: { attempts: 3, timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 60_000, sleep },
  });
const running = (headers?: Record<string, string>) => (base: string) =>
  [200, job(base, 'Running'), headers] as [number, object, Record<string, string>?];
const succeeded = (base: string): [number, object] => [200, job(base, 'Succeeded')];

beforeAll(async () => {
  [fake, audio] = await Promise.all([startFakeSpeechService(), synthesizeSentence('Any chest pain? No.', 'slt')]);
});
afterAll(async () => {
  await fake.close();
});

describe('batch transcription request body (REST 2024-11-15)', () => {
  it.each([
    [undefined, 4],
    [1, 2],
    [3, 3],
    [36, 35],
    [100, 35],
  ])('maxSpeakers %s → diarization.maxSpeakers %s (the API accepts 2 to 35)', (hint, expected) => {
    const body = batchDefinition(SOURCE, { maxSpeakers: hint }) as { properties: Record<string, unknown> };
    expect(body.properties.diarization).toEqual({ enabled: true, maxSpeakers: expected });
    expect(body.properties.timeToLiveHours).toBeGreaterThanOrEqual(6);
    expect(body.properties).not.toHaveProperty('diarizationEnabled');
    expect(body.properties).not.toHaveProperty('timeToLive');
  });
});

describe('AzureBatchSpeechEngine against a fake of the 2024-11-15 batch transcription API', () => {
  it('submits with transcriptions:submit and returns the job id from its self link', async () => {
    const counts = { submits: 0, polls: 0 };
    fake.script(service([succeeded], counts));
    const id = await engine().start({ path: audio, sourceUrl: SOURCE }, { maxSpeakers: 3 });
    expect(id).toBe(JOB_ID);
    const submit = fake.requests.at(-1)!;
    expect(submit).toMatchObject({ method: 'POST', path: SUBMIT });
    expect(submit.headers['ocp-apim-subscription-key']).toBe('batch-key');
    expect(JSON.parse(submit.body)).toMatchObject({
      contentUrls: [SOURCE],
      locale: 'en-US',
      properties: {
        diarization: { enabled: true, maxSpeakers: 3 },
        wordLevelTimestampsEnabled: true,
        profanityFilterMode: 'None',
        timeToLiveHours: 12,
      },
    });
    expect(counts).toEqual({ submits: 1, polls: 0 });
  });

  it('one poll per call: running with the service Retry-After in seconds, then the mapped result', async () => {
    fake.script(service([running({ 'Retry-After': '7' }), succeeded]));
    const first = await engine().poll(JOB_ID);
    expect(first).toEqual({ status: 'running', retryAfterMs: 7000 });
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    const second = await engine().poll(JOB_ID);
    expect(second.status).toBe('succeeded');
    const t = (second as { result: Transcript }).result;
    expect(t).toMatchObject({ engine: 'azure-batch', duration: 5.2 });
    expect(t.segments.map((s) => [s.id, s.speaker, s.role, s.text, s.start, s.end])).toEqual([
      ['s1', 'spk0', 'clinician', 'Any chest pain?', 0.5, 2],
      ['s2', 'spk1', 'patient', 'No.', 3.5, 4.1],
    ]);
    expect(t.segments[0]!.words[1]).toEqual({ w: 'chest', start: 0.8, end: 1.3, conf: 0.9 });
    const paths = fake.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(paths).toContain(`GET ${JOB}/files`);
    const content = fake.requests.find((r) => r.path.startsWith('/results/'))!;
    expect(content.headers['ocp-apim-subscription-key']).toBeUndefined();
    // Not deleted by poll: the caller deletes once the transcript is saved.
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
    for (const r of fake.requests.filter((x) => !x.path.startsWith('/results/'))) expect(r.path).toContain(API);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    fake.script(service([running({ 'Retry-After': at })]));
    const polled = await engine().poll(JOB_ID);
    expect(polled.status).toBe('running');
    const ms = (polled as { retryAfterMs: number }).retryAfterMs;
    expect(ms).toBeGreaterThan(20_000);
    expect(ms).toBeLessThanOrEqual(30_000);
  });

  it('a 429 on a status check is "still running" with its Retry-After, without retrying inside the call', async () => {
    fake.script(service([() => [429, speechError('TooManyRequests', 'slow down'), { 'Retry-After': '4' }]]));
    expect(await engine().poll(JOB_ID)).toEqual({ status: 'running', retryAfterMs: 4000 });
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('a 5xx on a status check is transient (the orchestrator retries the activity)', async () => {
    fake.script(service([() => [503, speechError('ServiceUnavailable', 'busy')]]));
    await expect(engine().poll(JOB_ID)).rejects.toMatchObject({ retriable: true });
  });

  it('a failed job is a NonRetriableError with the service reason, and is deleted', async () => {
    const failed = (base: string): [number, object] => [
      200,
      job(base, 'Failed', {
        properties: { error: { code: 'InvalidData', message: 'The audio data of the recording is not valid.' } },
      }),
    ];
    fake.script(service([failed]));
    const error = await engine()
      .poll(JOB_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(error).toMatchObject({
      code: 'BatchTranscriptionFailed',
      message: expect.stringMatching(/InvalidData: The audio data of the recording is not valid/),
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `${JOB}?${API}` });
  });

  it('a rejected submit (400 with the API error body) is non-retriable with the service code', async () => {
    fake.script((_req, res) => json(res, 400, speechError('InvalidRequest', 'Invalid locale', 'InvalidLocale')));
    await expect(engine().start({ path: audio, sourceUrl: SOURCE }, {})).rejects.toMatchObject({
      code: 'RequestRejected',
      retriable: false,
      message: expect.stringMatching(/InvalidRequest: Invalid locale/),
    });
  });

  it('transcribe() (the CLI) submits, polls honouring Retry-After, fetches, and deletes the job', async () => {
    sleeps.length = 0;
    const counts = { submits: 0, polls: 0 };
    fake.script(service([running({ 'Retry-After': '3' }), running(), succeeded], counts));
    const t = await engine().transcribe({ path: audio, sourceUrl: SOURCE }, {});
    expect(t.segments).toHaveLength(2);
    expect(counts).toEqual({ submits: 1, polls: 3 });
    expect(sleeps).toEqual([3000, 10_000]);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE' });
  });

  it('needs a service-readable source URL', async () => {
    fake.script(service([]));
    await expect(engine().start({ path: audio }, {})).rejects.toMatchObject({
      code: 'SourceUrlRequired',
      retriable: false,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports a malformed status body as transient', async () => {
    fake.script(service([() => [200, { status: 'Whatever' }]]));
    await expect(engine().poll(JOB_ID)).rejects.toMatchObject({ code: 'MalformedResponse', retriable: true });
  });
});
