import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AzureBatchSpeechEngine } from '../../../src/engines/speech/azure-batch';
import { NonRetriableError } from '../../../src/errors';
import { synthesizeSentence } from '../../helpers/synthesize';
import { JOB, job, service, SOURCE } from './fakeBatchJob';
import { azureError, type FakeSpeechService, startFakeSpeechService } from './fakeSpeechService';

let fake: FakeSpeechService;
let audio: string;
const sleeps: number[] = [];
const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
const engine = (): AzureBatchSpeechEngine =>
  new AzureBatchSpeechEngine({
    endpoint: fake.base,
    key: 'batch-key',
    retry: { attempts: 3, timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 60_000, sleep },
    polling: { initialDelayMs: 1000, factor: 2, maxDelayMs: 3000 },
  });

beforeAll(async () => {
  [fake, audio] = await Promise.all([startFakeSpeechService(), synthesizeSentence('Any chest pain? No.', 'slt')]);
});
afterAll(async () => {
  await fake.close();
});

describe('AzureBatchSpeechEngine against a fake v3.2 batch transcription service', () => {
  it('creates, polls with backoff, fetches the Transcription file, maps it and deletes the job', async () => {
    sleeps.length = 0;
    const running = (base: string): [number, object] => [200, job(base, 'Running')];
    fake.script(service([running, running, running, (base) => [200, job(base, 'Succeeded')]]));
    const stored: string[] = [];
    const t = await engine().transcribe(
      { path: audio, sourceUrl: SOURCE },
      { maxSpeakers: 3, onJobCreated: (url) => void stored.push(url) },
    );

    const create = fake.requests[0]!;
    expect(create.headers['ocp-apim-subscription-key']).toBe('batch-key');
    expect(JSON.parse(create.body)).toMatchObject({
      contentUrls: [SOURCE],
      locale: 'en-US',
      properties: {
        diarizationEnabled: true,
        diarization: { speakers: { minCount: 1, maxCount: 3 } },
        wordLevelTimestampsEnabled: true,
        profanityFilterMode: 'None',
      },
    });
    expect(stored).toEqual([`${fake.base}${JOB}`]);
    expect(sleeps).toEqual([1000, 2000, 3000]);
    const content = fake.requests.find((r) => r.path.startsWith('/results/'))!;
    expect(content.headers['ocp-apim-subscription-key']).toBeUndefined();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: JOB });

    expect(t).toMatchObject({ engine: 'azure-batch', duration: 5.2 });
    expect(t.segments.map((s) => [s.id, s.speaker, s.role, s.text, s.start, s.end])).toEqual([
      ['s1', 'spk0', 'clinician', 'Any chest pain?', 0.5, 2],
      ['s2', 'spk1', 'patient', 'No.', 3.5, 4.1],
    ]);
    expect(t.segments[0]!.words[1]).toEqual({ w: 'chest', start: 0.8, end: 1.3, conf: 0.9 });
  });

  it('resumes polling from a stored job URL without creating a new job', async () => {
    fake.script(service([(base) => [200, job(base, 'Succeeded')]]));
    const t = await engine().transcribe({ path: audio }, { jobUrl: `${fake.base}${JOB}` });
    expect(fake.requests.some((r) => r.method === 'POST')).toBe(false);
    expect(t.segments).toHaveLength(2);
  });

  it('honours Retry-After while polling through 429s', async () => {
    sleeps.length = 0;
    fake.script(
      service([
        () => [429, azureError('TooManyRequests', 'slow down'), { 'Retry-After': '4' }],
        (base) => [200, job(base, 'Succeeded')],
      ]),
    );
    await engine().resume(`${fake.base}${JOB}`);
    expect(sleeps).toEqual([4000]);
  });

  it('a failed job is a NonRetriableError with the service reason, and is deleted', async () => {
    fake.script(
      service([
        (base) => [
          200,
          job(base, 'Failed', {
            properties: { error: { code: 'InvalidData', message: 'The audio data of the recording is not valid.' } },
          }),
        ],
      ]),
    );
    const error = await engine()
      .transcribe({ path: audio, sourceUrl: SOURCE }, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(error).toMatchObject({
      code: 'BatchTranscriptionFailed',
      message: expect.stringMatching(/InvalidData: The audio data of the recording is not valid/),
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: JOB });
  });

  it('needs a service-readable source URL', async () => {
    fake.script(service([]));
    await expect(engine().transcribe({ path: audio }, {})).rejects.toMatchObject({
      code: 'SourceUrlRequired',
      retriable: false,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports a malformed status body as transient', async () => {
    fake.script(service([() => [200, { status: 'Whatever' }]]));
    await expect(engine().resume(`${fake.base}${JOB}`)).rejects.toMatchObject({
      code: 'MalformedResponse',
      retriable: true,
    });
  });
});
