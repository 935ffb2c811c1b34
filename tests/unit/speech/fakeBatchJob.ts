/**
 * A scripted Azure Speech batch transcription job (REST API 2024-11-15) for the fake service: the routes the
 * service answers for one job (`transcriptions:submit`, status sequence, files, result content, delete), its
 * errors (the API's `{code, message, innerError}` body, 404 for an unknown job or api-version) and a two-speaker
 * result. Shapes follow the API's published examples (create/get transcription, list files, failed transcription).
 */
import type { ServerResponse } from 'node:http';

import { json, type RecordedRequest } from './fakeSpeechService';

export const API = 'api-version=2024-11-15';
export const SOURCE = 'https://account.blob.core.windows.net/uploads/visit.wav?sv=2024-01-01&sig=abc';
export const JOB_ID = '0e7c1a2b-1111-4c3d-9e8f-000000000001';
export const JOB = `/speechtotext/transcriptions/${JOB_ID}`;
export const SUBMIT = `/speechtotext/transcriptions:submit?${API}`;

/** The 2024-11-15 error body (top-level code and message, inner error). */
export const speechError = (code: string, message: string, inner?: string): object => ({
  code,
  message,
  ...(inner ? { innerError: { code: inner, message } } : {}),
});

export const job = (base: string, status: string, extra: object = {}): object => ({
  self: `${base}${JOB}?${API}`,
  displayName: 'clinscribe',
  locale: 'en-US',
  createdDateTime: '2026-11-23T12:00:00Z',
  lastActionDateTime: '2026-11-23T12:00:05Z',
  model: { self: `${base}/speechtotext/models/base/827712a5-f942-4997-91c3-7c6cde35600b?${API}` },
  links: { files: `${base}${JOB}/files?${API}` },
  properties: {
    wordLevelTimestampsEnabled: true,
    displayFormWordLevelTimestampsEnabled: false,
    diarization: { enabled: true, maxSpeakers: 4 },
    punctuationMode: 'DictatedAndAutomatic',
    profanityFilterMode: 'None',
    timeToLiveHours: 12,
    ...(status === 'Succeeded' ? { durationMilliseconds: 5200 } : {}),
  },
  status,
  ...extra,
});

export const RESULT = {
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

export type StatusReply = (base: string) => [number, object, Record<string, string>?];

/**
 * Routes requests like the service: submit (201 + the job), status (the scripted sequence; the last repeats),
 * files, content, delete. `counts` tallies submits and status checks, so tests can assert "no second submit".
 */
export function service(statuses: StatusReply[], counts = { submits: 0, polls: 0 }) {
  return (req: RecordedRequest, res: ServerResponse, base: string): void => {
    const [path, query = ''] = req.path.split('?');
    // Result files are SAS links to the service's storage: no api-version there.
    if (req.method === 'GET' && path === '/results/contenturl_0.json') return json(res, 200, RESULT);
    if (!query.split('&').includes(API)) return json(res, 404, speechError('NotFound', 'Unsupported api-version'));
    if (req.method === 'POST' && path === '/speechtotext/transcriptions:submit') {
      const body = JSON.parse(req.body || '{}') as { properties?: { timeToLiveHours?: number } };
      if (!body.properties?.timeToLiveHours)
        return json(res, 400, speechError('InvalidRequest', 'timeToLiveHours is required', 'InvalidTimeToLive'));
      counts.submits++;
      return json(res, 201, job(base, 'NotStarted'), { Location: `${base}${JOB}?${API}` });
    }
    if (req.method === 'GET' && path === JOB) {
      const [status, body, headers] = statuses[Math.min(counts.polls++, statuses.length - 1)]!(base);
      return json(res, status, body, headers);
    }
    if (req.method === 'GET' && path === `${JOB}/files`) {
      return json(res, 200, {
        values: [
          {
            self: `${base}${JOB}/files/r1?${API}`,
            name: 'report.json',
            kind: 'TranscriptionReport',
            links: { contentUrl: `${base}/results/report.json?sig=x` },
          },
          {
            self: `${base}${JOB}/files/t1?${API}`,
            name: 'contenturl_0.json',
            kind: 'Transcription',
            links: { contentUrl: `${base}/results/contenturl_0.json?sig=x` },
          },
        ],
      });
    }
    if (req.method === 'DELETE' && path === JOB) return void res.writeHead(204).end();
    json(res, 404, speechError('NotFound', 'The specified entity cannot be found.'));
  };
}
