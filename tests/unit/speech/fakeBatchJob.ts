/**
 * A scripted Azure Speech batch transcription (v3.2) job for the fake service: the routes the service answers for
 * one job (create, status sequence, files, result content, delete) and a two-speaker result.
 */
import type { ServerResponse } from 'node:http';

import { azureError, json, type RecordedRequest } from './fakeSpeechService';

export const SOURCE = 'https://account.blob.core.windows.net/uploads/visit.wav?sv=2024-01-01&sig=abc';
export const JOB = '/speechtotext/v3.2/transcriptions/0e7c1a2b-1111-4c3d-9e8f-000000000001';

export const job = (base: string, status: string, extra: object = {}): object => ({
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

/** Routes requests like the service: create, status (scripted sequence), files, content, delete. */
export function service(statuses: ((base: string) => [number, object, Record<string, string>?])[]) {
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
