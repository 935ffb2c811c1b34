/**
 * `POST /api/encounters` streams uploads to storage (HTTP stream mode): a ~200 MB recording goes through without
 * the process holding it, the size limit and the type check reject while streaming and leave no blob, and multipart
 * options are honoured wherever they sit in the body.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { wavHeader } from '../../src/engines/audio/wavFile';
import type { TestHost } from '../helpers/hostHarness';
import { Api, startPipelineHost } from './pipeline-helpers';

/** The host's limit for most cases: small, so an over-limit upload is cheap. */
const SMALL_LIMIT = 1024 * 1024;
const BIG_UPLOAD = 200 * 1000 * 1000;

let host: TestHost;
let api: Api;

beforeAll(async () => {
  host = await startPipelineHost({ MAX_UPLOAD_BYTES: String(SMALL_LIMIT) });
  api = new Api(host);
});
afterAll(async () => host?.stop());

/** A 16-bit stereo 48 kHz WAV of `total` bytes (header + silence), produced chunk by chunk, hashed on the way. */
function wavStream(total: number): { stream: ReadableStream<Uint8Array>; sha256: () => string; sent: () => number } {
  const header = wavHeader(total - 44, 48_000, 2);
  const silence = Buffer.alloc(1024 * 1024);
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const chunk = sent === 0 ? header : silence.subarray(0, Math.min(silence.length, total - sent));
      hash.update(chunk);
      sent += chunk.length;
      controller.enqueue(chunk); // the same silent block again: the client makes no garbage of its own
    },
  });
  return { stream, sha256: () => hash.digest('hex'), sent: () => sent };
}

/**
 * A POST with a streamed or buffered body. `redirect: 'error'`: with the default ('follow'), Node 20's fetch clones
 * the request to be able to replay it, which tees a stream body and keeps all of it in memory on the client side.
 */
const post = (path: string, body: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  fetch(`${host.baseUrl}${path}`, {
    method: 'POST',
    body,
    headers: { ...headers, 'x-functions-key': api.key },
    duplex: 'half',
    redirect: 'error',
  } as RequestInit);

async function uploadNames(): Promise<string[]> {
  const container = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('uploads');
  await container.createIfNotExists();
  const names: string[] = [];
  for await (const item of container.listBlobsFlat({ includeUncommitedBlobs: true })) names.push(item.name);
  return names.sort();
}

function multipart(boundary: string, parts: { name: string; value: string | Buffer; file?: string; type?: string }[]) {
  const chunks = parts.map(({ name, value, file, type }) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n` +
          (type ? `Content-Type: ${type}\r\n` : '') +
          '\r\n',
      ),
      Buffer.isBuffer(value) ? value : Buffer.from(value),
      Buffer.from('\r\n'),
    ]),
  );
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

describe('streamed uploads through POST /api/encounters', () => {
  it('accepts a ~200 MB recording without holding it in memory and records its sha256 and size', async () => {
    const previous = process.env.MAX_UPLOAD_BYTES;
    process.env.MAX_UPLOAD_BYTES = String(BIG_UPLOAD + 1); // the app reads its settings per request
    try {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const wav = wavStream(BIG_UPLOAD);
      // Sampled only while the body is still being sent: once the blob is committed, the host's blob trigger
      // (in this same process) reads it whole, which is the trigger binding's doing, not the upload path's.
      const sampler = setInterval(() => {
        if (wav.sent() < BIG_UPLOAD) peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      let response: Response;
      try {
        response = await post('/api/encounters?template=progress', wav.stream, { 'content-type': 'audio/wav' });
      } finally {
        clearInterval(sampler);
      }
      const body = (await response.json()) as { encounterId: string; statusQueryGetUri: string };
      expect(response.status, JSON.stringify(body)).toBe(202);
      expect(response.headers.get('location')).toBe(body.statusQueryGetUri);
      expect(wav.sent()).toBe(BIG_UPLOAD);
      const growthMb = (peak - baseline) / 1e6;
      process.stderr.write(`rss growth while streaming ${BIG_UPLOAD / 1e6} MB: ${growthMb.toFixed(1)} MB\n`);
      expect(growthMb).toBeLessThan(100);

      const view = await api.get(body.encounterId);
      expect(view.manifest?.input).toMatchObject({ type: 'wav', size: BIG_UPLOAD, sha256: wav.sha256() });
      expect(view.manifest?.options).toMatchObject({ template: 'progress' });
      const deleted = await api.fetch(`/api/encounters/${body.encounterId}`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
    } finally {
      process.env.MAX_UPLOAD_BYTES = previous;
    }
  });

  it('rejects an over-limit upload with 413 naming the limit, while streaming or from Content-Length, leaving no blob', async () => {
    const before = await uploadNames();
    const text = Buffer.from('Doctor: How is the cough?\n'.repeat(Math.ceil((3 * SMALL_LIMIT) / 26)));
    const chunked = await post('/api/encounters', Readable.toWeb(Readable.from([text])) as ReadableStream, {
      'content-type': 'text/plain',
    });
    const problem = (await chunked.json()) as { error: { code: string; message: string } };
    expect(chunked.status).toBe(413);
    expect(problem.error).toMatchObject({ code: 'TooLarge' });
    expect(problem.error.message).toContain(String(SMALL_LIMIT));
    const declared = await post('/api/encounters', text, { 'content-type': 'text/plain' });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as typeof problem).error.message).toContain(String(SMALL_LIMIT));
    expect(await uploadNames()).toEqual(before);
  });

  it.each([
    ['text declared as audio', Buffer.from('Doctor: Any chest pain?\nPatient: No.\n'), 'audio/wav', /txt.*audio\/wav/],
    ['unknown binary', Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 0, 7]), 'application/octet-stream', /Unsupported/],
  ])('rejects %s with 415 and a clear message, leaving no blob', async (_label, content, type, message) => {
    const before = await uploadNames();
    const response = await post('/api/encounters', content, { 'content-type': type });
    const problem = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status).toBe(415);
    expect(problem.error.code).toBe('UnsupportedType');
    expect(problem.error.message).toMatch(message);
    expect(await uploadNames()).toEqual(before);
  });

  it('honours multipart option fields after (and before) the file part, and rejects bad ones without a blob', async () => {
    const boundary = '----clinscribe-stream';
    const file = Buffer.from('Doctor: Any headache?\nPatient: Yes, a mild headache since yesterday.\n');
    const send = (parts: Parameters<typeof multipart>[1]) =>
      post('/api/encounters?template=soap', multipart(boundary, parts), {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    const response = await send([
      { name: 'locale', value: 'en-GB' },
      { name: 'file', value: file, file: 'visit.txt', type: 'text/plain' },
      { name: 'template', value: 'hp' },
      { name: 'review', value: 'true' },
    ]);
    const body = (await response.json()) as { encounterId: string };
    expect(response.status, JSON.stringify(body)).toBe(202);
    const view = await api.get(body.encounterId);
    expect(view.manifest?.options).toMatchObject({ template: 'hp', review: true, locale: 'en-GB' });
    expect(view.manifest?.input).toMatchObject({
      type: 'txt',
      size: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const blob = BlobServiceClient.fromConnectionString(host.connectionString)
      .getContainerClient('uploads')
      .getBlobClient(String(view.manifest?.input.name));
    const properties = await blob.getProperties();
    expect(JSON.parse(properties.metadata?.clinscribeoptions ?? '{}')).toMatchObject({ template: 'hp', review: true });
    expect((await api.fetch(`/api/encounters/${body.encounterId}`, { method: 'DELETE' })).status).toBe(200);

    const before = await uploadNames();
    const bad = await send([
      { name: 'file', value: file, file: 'visit.txt' },
      { name: 'maxSpeakers', value: '99' },
    ]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('InvalidOptions');
    expect(await uploadNames()).toEqual(before);
  });

  it.each([
    ['an empty body', () => ({ body: Buffer.alloc(0), type: 'text/plain' })],
    [
      'multipart without a file part',
      () => ({
        body: multipart('----b', [{ name: 'template', value: 'hp' }]),
        type: 'multipart/form-data; boundary=----b',
      }),
    ],
    ['multipart without a boundary', () => ({ body: Buffer.from('x'), type: 'multipart/form-data' })],
  ])('refuses %s with 400 InvalidRequest and leaves no blob', async (_name, make) => {
    const { body, type } = make();
    const before = await uploadNames();
    const response = await post('/api/encounters', body, { 'content-type': type });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('InvalidRequest');
    expect(await uploadNames()).toEqual(before);
  });
});
