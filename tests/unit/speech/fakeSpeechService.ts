/**
 * A local stand-in for the Azure AI Speech REST API that speaks its wire format: fast transcription
 * (multipart `audio` + `definition`, api-version 2024-11-15) and batch transcription 2024-11-15 (submit, status,
 * files, result content, delete; see fakeBatchJob.ts). Each test scripts the responses; the fake records the requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import busboy from 'busboy';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Multipart parts (fast transcription) by field name. */
  parts: Record<string, { contentType: string; bytes: number; text?: string; filename?: string }>;
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, base: string) => void | Promise<void>;

export interface FakeSpeechService {
  base: string;
  requests: RecordedRequest[];
  /** Handlers are used in order; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const rec: RecordedRequest = {
    method: req.method ?? '',
    path: req.url ?? '',
    headers: req.headers,
    parts: {},
    body: '',
  };
  if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    return new Promise((resolve, reject) => {
      const bb = busboy({ headers: req.headers });
      bb.on('file', (name, stream, info) => {
        let bytes = 0;
        stream.on('data', (d: Buffer) => (bytes += d.length));
        stream.on('end', () => (rec.parts[name] = { contentType: info.mimeType, bytes, filename: info.filename }));
      });
      bb.on(
        'field',
        (name, value, info) => (rec.parts[name] = { contentType: info.mimeType, bytes: value.length, text: value }),
      );
      bb.on('close', () => resolve(rec));
      bb.on('error', reject);
      req.pipe(bb);
    });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => resolve({ ...rec, body: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Starts the fake on a random local port. */
export async function startFakeSpeechService(): Promise<FakeSpeechService> {
  const requests: RecordedRequest[] = [];
  let handlers: Handler[] = [];
  let served = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    void readRequest(req).then(async (rec) => {
      requests.push(rec);
      const handler = handlers[Math.min(served++, handlers.length - 1)];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      await handler(rec, res, base);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    script(...next) {
      handlers = next;
      served = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON response. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** The Azure error envelope. */
export const azureError = (code: string, message: string): { error: { code: string; message: string } } => ({
  error: { code, message },
});

/** A fast transcription result as the service returns it, with diarization (speakers numbered from 0). */
export const FAST_RESULT = {
  durationMilliseconds: 7400,
  combinedPhrases: [
    { text: 'What brings you in today? My knee has been swollen since Monday. Does it hurt to walk? Yes.' },
  ],
  phrases: [
    {
      speaker: 0,
      offsetMilliseconds: 240,
      durationMilliseconds: 1600,
      text: 'What brings you in today?',
      words: [
        { text: 'What', offsetMilliseconds: 240, durationMilliseconds: 280 },
        { text: 'brings', offsetMilliseconds: 520, durationMilliseconds: 360 },
        { text: 'you', offsetMilliseconds: 880, durationMilliseconds: 160 },
        { text: 'in', offsetMilliseconds: 1040, durationMilliseconds: 200 },
        { text: 'today?', offsetMilliseconds: 1240, durationMilliseconds: 600 },
      ],
      locale: 'en-US',
      confidence: 0.9312,
    },
    {
      speaker: 1,
      offsetMilliseconds: 2300,
      durationMilliseconds: 2200,
      text: 'My knee has been swollen since Monday.',
      words: [
        { text: 'My', offsetMilliseconds: 2300, durationMilliseconds: 200 },
        { text: 'knee', offsetMilliseconds: 2500, durationMilliseconds: 300 },
        { text: 'has', offsetMilliseconds: 2800, durationMilliseconds: 200 },
        { text: 'been', offsetMilliseconds: 3000, durationMilliseconds: 200 },
        { text: 'swollen', offsetMilliseconds: 3200, durationMilliseconds: 500 },
        { text: 'since', offsetMilliseconds: 3700, durationMilliseconds: 300 },
        { text: 'Monday.', offsetMilliseconds: 4000, durationMilliseconds: 500 },
      ],
      locale: 'en-US',
      confidence: 0.8875,
    },
    {
      speaker: 0,
      offsetMilliseconds: 4900,
      durationMilliseconds: 1300,
      text: 'Does it hurt to walk?',
      words: [
        { text: 'Does', offsetMilliseconds: 4900, durationMilliseconds: 250 },
        { text: 'it', offsetMilliseconds: 5150, durationMilliseconds: 150 },
        { text: 'hurt', offsetMilliseconds: 5300, durationMilliseconds: 300 },
        { text: 'to', offsetMilliseconds: 5600, durationMilliseconds: 150 },
        { text: 'walk?', offsetMilliseconds: 5750, durationMilliseconds: 450 },
      ],
      locale: 'en-US',
      confidence: 0.95,
    },
    {
      speaker: 1,
      offsetMilliseconds: 6600,
      durationMilliseconds: 500,
      text: 'Yes.',
      words: [{ text: 'Yes.', offsetMilliseconds: 6600, durationMilliseconds: 500 }],
      locale: 'en-US',
      confidence: 0.97,
    },
  ],
};
