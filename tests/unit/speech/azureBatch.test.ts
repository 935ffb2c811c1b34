import type { ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AzureBatchSpeechEngine } from '../../../src/engines/speech/azure-batch';
import { NonRetriableError } from '../../../src/errors';
import { synthesizeSentence } from '../../helpers/synthesize';
import {
  azureError,
  type FakeSpeechService,
  json,
  type RecordedRequest,
  startFakeSpeechService,
} from './fakeSpeechService';

let fake: FakeSpeechService;
let audio: string;
const sleeps: number[] = [];
const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
const SOURCE = 'https://account.blob.core.windows.net/uploads/visit.wav?sv=2024-01-01&sig=abc';
const JOB = '/speechtotext/v3.2/transcriptions/0e7c1a2b-1111-4c3d-9e8f-000000000001';

const job = (base: string, status: string, extra: object = {}): object => ({
  self: `${base}${JOB}`,
  model: { self: `${base}/speechtotext/v3.2/models/base/1` },
  links: { files: `${base}${JOB}/files` },
  properties: {
    diarizationEnabled: true,
    wordLevelTimestampsEnabled: true,
    channels: [0],
    punctuationMode: 'DictatedAndAutomatic',
    profanityFilterMode: 'None',
  },
  lastActionDateTime: '2026-11-23T12:00:05Z',
  status,
  createdDateTime: '2026-11-23T12:00:00Z',
  locale: 'en-US',
  displayName: 'clinscribe',
  ...extra,
});

const RESULT = {
  source: SOURCE,
  timestamp: '2026-11-23T12:01:00Z',
  durationInTicks: 52_000_000,
  duration: 'PT5.2S',
  combinedRecognizedPhrases: [
    {
      channel: 0,
      lexical: 'any chest pain no',
      itn: 'any chest pain no',
      maskedITN: 'any chest pain no',
      display: 'Any chest pain? No.',
    },
  ],
  recognizedPhrases: [
    {
      recognitionStatus: 'Success',
      channel: 0,
      speaker: 1,
      offset: 'PT0.5S',
      duration: 'PT1.5S',
      offsetInTicks: 5_000_000,
      durationInTicks: 15_000_000,
      nBest: [
        {
          confidence: 0.91,
          lexical: 'any chest pain',
          itn: 'any chest pain',
          maskedITN: 'any chest pain',
          display: 'Any chest pain?',
          words: [
            {
              word: 'any',
              offset: 'PT0.5S',
              duration: 'PT0.3S',
              offsetInTicks: 5_000_000,
              durationInTicks: 3_000_000,
              confidence: 0.95,
            },
            {
              word: 'chest',
              offset: 'PT0.8S',
              duration: 'PT0.5S',
              offsetInTicks: 8_000_000,
              durationInTicks: 5_000_000,
              confidence: 0.9,
            },
            {
              word: 'pain',
              offset: 'PT1.3S',
              duration: 'PT0.7S',
              offsetInTicks: 13_000_000,
              durationInTicks: 7_000_000,
              confidence: 0.88,
            },
          ],
        },
      ],
    },
    {
      recognitionStatus: 'NoMatch',
      channel: 0,
      speaker: 1,
      offsetInTicks: 25_000_000,
      durationInTicks: 5_000_000,
      nBest: [],
    },
    {
      recognitionStatus: 'Success',
      channel: 0,
      speaker: 2,
      offset: 'PT3.5S',
      duration: 'PT0.6S',
      offsetInTicks: 35_000_000,
      durationInTicks: 6_000_000,
      nBest: [
        {
          confidence: 0.97,
          lexical: 'no',
          display: 'No.',
          words: [
            {
              word: 'no',
              offset: 'PT3.5S',
              duration: 'PT0.6S',
              offsetInTicks: 35_000_000,
              durationInTicks: 6_000_000,
              confidence: 0.97,
            },
          ],
        },
      ],
    },
  ],
};

/** Routes requests like the service: create, status (scripted sequence), files, content, delete. */
function service(statuses: ((base: string) => [number, object, Record<string, string>?])[]) {
  let polls = 0;
  return (req: RecordedRequest, res: ServerResponse, base: string): void => {
    if (req.method === 'POST' && req.path === '/speechtotext/v3.2/transcriptions')
      return json(res, 201, job(base, 'NotStarted'), { Location: `${base}${JOB}` });
    if (req.method === 'GET' && req.path === JOB) {
      const [status, body, headers] = statuses[Math.min(polls++, statuses.length - 1)]!(base);
      return json(res, status, body, headers);
    }
    if (req.method === 'GET' && req.path === `${JOB}/files`) {
      return json(res, 200, {
        values: [
          {
            self: `${base}${JOB}/files/r1`,
            name: 'report.json',
            kind: 'TranscriptionReport',
            links: { contentUrl: `${base}/results/report.json?sig=x` },
          },
          {
            self: `${base}${JOB}/files/t1`,
            name: 'contenturl_0.json',
            kind: 'Transcription',
            links: { contentUrl: `${base}/results/contenturl_0.json?sig=x` },
          },
        ],
      });
    }
    if (req.method === 'GET' && req.path.startsWith('/results/contenturl_0.json')) return json(res, 200, RESULT);
    if (req.method === 'DELETE' && req.path === JOB) return void res.writeHead(204).end();
    json(res, 404, azureError('NotFound', 'no such route'));
  };
}

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
