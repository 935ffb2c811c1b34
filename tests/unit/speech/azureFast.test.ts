import type { AccessToken, TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  AzureFastSpeechEngine,
  FAST_MAX_ATTEMPT_MS,
  FAST_MAX_BYTES,
  FAST_MAX_SECONDS,
  fastDefinition,
  fastTimeoutMs,
} from '../../../src/engines/speech/azure-fast';
import { COGNITIVE_SCOPE } from '../../../src/engines/speech/azureAuth';
import { NonRetriableError, TransientError } from '../../../src/errors';
import { TranscriptSchema } from '../../../src/model/transcript';
import { synthesizeSentence } from '../../helpers/synthesize';
import { job, JOB_ID, service, SOURCE, SUBMIT } from './fakeBatchJob';
import { azureError, type FakeSpeechService, FAST_RESULT, json, startFakeSpeechService } from './fakeSpeechService';

let fake: FakeSpeechService;
let audio: string;
const sleeps: number[] = [];
const retry = {
  attempts: 3,
  timeoutMs: 2000,
  baseDelayMs: 10,
  maxDelayMs: 60_000,
  sleep: async (ms: number) => void sleeps.push(ms),
};
const engine = (extra: Partial<ConstructorParameters<typeof AzureFastSpeechEngine>[0]> = {}): AzureFastSpeechEngine =>
  new AzureFastSpeechEngine({ endpoint: fake.base, key: 'test-key', retry, ...extra });

beforeAll(async () => {
  [fake, audio] = await Promise.all([
    startFakeSpeechService(),
    synthesizeSentence('Does it hurt when you walk?', 'awb'),
  ]);
});
afterAll(async () => {
  await fake.close();
});

describe('AzureFastSpeechEngine against a fake that speaks the REST wire format', () => {
  it('sends multipart audio + definition with the true content type, maps diarized phrases', async () => {
    fake.script((_req, res) => json(res, 200, FAST_RESULT));
    const t = await engine().transcribe(
      { path: audio, contentType: 'audio/mpeg' },
      { maxSpeakers: 3, locale: 'en-US' },
    );

    const req = fake.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/speechtotext/transcriptions:transcribe?api-version=2024-11-15');
    expect(req.headers['ocp-apim-subscription-key']).toBe('test-key');
    expect(req.parts.audio).toMatchObject({ contentType: 'audio/wav' });
    expect(req.parts.audio!.bytes).toBeGreaterThan(10_000);
    expect(JSON.parse(req.parts.definition!.text!)).toEqual({
      locales: ['en-US'],
      diarization: { enabled: true, maxSpeakers: 3 },
      profanityFilterMode: 'None',
    });

    expect(TranscriptSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({ engine: 'azure-fast', duration: 7.4, locale: 'en-US' });
    expect(t.segments.map((s) => [s.id, s.speaker, s.role, s.start, s.end])).toEqual([
      ['s1', 'spk0', 'clinician', 0.24, 1.84],
      ['s2', 'spk1', 'patient', 2.3, 4.5],
      ['s3', 'spk0', 'clinician', 4.9, 6.2],
      ['s4', 'spk1', 'patient', 6.6, 7.1],
    ]);
    expect(t.segments[1]!.text).toBe('My knee has been swollen since Monday.');
    expect(t.segments[1]!.words[4]).toEqual({ w: 'swollen', start: 3.2, end: 3.7, conf: 0.8875 });
  });

  it('authenticates with an Entra token for the Cognitive Services scope when there is no key', async () => {
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scope): Promise<AccessToken> => {
        scopes.push(String(scope));
        return { token: 'entra-token', expiresOnTimestamp: Date.now() + 3600_000 };
      },
    };
    fake.script((_req, res) => json(res, 200, FAST_RESULT));
    await engine({ key: undefined, credential }).transcribe({ path: audio }, {});
    expect(scopes).toEqual([COGNITIVE_SCOPE]);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer entra-token');
    expect(fake.requests[0]!.headers['ocp-apim-subscription-key']).toBeUndefined();
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    sleeps.length = 0;
    fake.script(
      (_req, res) => json(res, 429, azureError('TooManyRequests', 'Rate limit exceeded'), { 'Retry-After': '7' }),
      (_req, res) => json(res, 200, FAST_RESULT),
    );
    const t = await engine().transcribe({ path: audio }, {});
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([7000]);
    expect(t.segments).toHaveLength(4);
    // The audio part is re-sent whole on the retry.
    expect(fake.requests[1]!.parts.audio!.bytes).toBe(fake.requests[0]!.parts.audio!.bytes);
  });

  it('retries 500 with backoff and gives up with a TransientError', async () => {
    sleeps.length = 0;
    fake.script((_req, res) => json(res, 500, azureError('InternalServerError', 'Something broke')));
    const error = await engine()
      .transcribe({ path: audio }, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({
      code: 'ServiceUnavailable',
      message: expect.stringMatching(/HTTP 500 \(InternalServerError: Something broke\)/),
    });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it('fails at once with a NonRetriableError on 400, naming the service error', async () => {
    fake.script((_req, res) => json(res, 400, azureError('InvalidArgument', 'Invalid audio format')));
    const error = await engine()
      .transcribe({ path: audio }, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(/HTTP 400 \(InvalidArgument: Invalid audio format\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it('treats malformed JSON as a transient fault', async () => {
    fake.script(
      (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"phrases": [{"text": '),
    );
    await expect(engine().transcribe({ path: audio }, {})).rejects.toMatchObject({
      code: 'MalformedResponse',
      retriable: true,
    });
  });

  it('treats a well-formed body of the wrong shape as malformed', async () => {
    fake.script((_req, res) => json(res, 200, { phrases: [{ text: 'no timings' }] }));
    await expect(engine().transcribe({ path: audio }, {})).rejects.toMatchObject({ code: 'MalformedResponse' });
  });

  it('times out a response that never comes, retries, and reports Timeout', async () => {
    fake.script(() => undefined); // never answers
    const error = await engine({ retry: { ...retry, timeoutMs: 300, attempts: 2 } })
      .transcribe({ path: audio }, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'Timeout' });
    expect(fake.requests).toHaveLength(2);
  });

  it('rejects bad audio before calling the service', async () => {
    fake.script((_req, res) => json(res, 200, FAST_RESULT));
    await expect(engine().transcribe({ path: __filename }, {})).rejects.toMatchObject({ code: 'NotAudio' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('AzureFastSpeechEngine hands long recordings to batch transcription', () => {
  it('past the fast limits it submits a batch job from the source URL instead of uploading', async () => {
    const counts = { submits: 0, polls: 0 };
    fake.script(service([(base) => [200, job(base, 'Running')]], counts));
    const small = engine({ fastLimits: { maxBytes: 1000, maxSeconds: 7200 } });
    expect(await small.transcribeOrSubmit({ path: audio, sourceUrl: SOURCE }, {})).toEqual({ jobId: JOB_ID });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: SUBMIT });
    expect(JSON.parse(fake.requests[0]!.body)).toMatchObject({ contentUrls: [SOURCE] });
    expect(fake.requests.some((r) => r.path.includes(':transcribe'))).toBe(false);
    expect(counts).toEqual({ submits: 1, polls: 0 });
  });

  it('a size refusal from fast transcription (413) falls back to a batch job', async () => {
    const batch = service([]);
    fake.script((req, res, base) => {
      if (req.path.includes(':transcribe'))
        return json(res, 413, azureError('RequestEntityTooLarge', 'The audio file exceeds the maximum size.'));
      return batch(req, res, base);
    });
    const out = await engine().transcribeOrSubmit({ path: audio, sourceUrl: SOURCE }, {});
    expect(out).toEqual({ jobId: JOB_ID });
    expect(fake.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/speechtotext/transcriptions:transcribe',
      '/speechtotext/transcriptions:submit',
    ]);
  });

  it('other refusals are not sent to batch', async () => {
    fake.script((_req, res) => json(res, 400, azureError('InvalidArgument', 'Unsupported locale.')));
    await expect(engine().transcribeOrSubmit({ path: audio, sourceUrl: SOURCE }, {})).rejects.toMatchObject({
      code: 'RequestRejected',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('within the limits transcribeOrSubmit returns the transcript', async () => {
    fake.script((_req, res) => json(res, 200, FAST_RESULT));
    const out = await engine().transcribeOrSubmit({ path: audio, sourceUrl: SOURCE }, {});
    expect('transcript' in out && out.transcript.engine).toBe('azure-fast');
  });

  it('without a source URL it says why it cannot', async () => {
    fake.script((_req, res) => json(res, 200, FAST_RESULT));
    const short = engine({ fastLimits: { maxBytes: 1e9, maxSeconds: 1 } });
    await expect(short.transcribe({ path: audio }, {})).rejects.toMatchObject({
      code: 'AudioTooLarge',
      message: expect.stringMatching(/needs batch transcription/),
    });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('fast transcription limits (Speech quotas page, Standard S0)', () => {
  it('uses the documented 200 MB / 120 min per file', () => {
    expect(FAST_MAX_BYTES).toBe(200 * 1024 * 1024);
    expect(FAST_MAX_SECONDS).toBe(7200);
  });
  it.each([
    [0, 0, 120_000],
    [50 * 1_048_576, 600, 120_000 + 50_000 + 300_000],
    [200 * 1_048_576, 7200, FAST_MAX_ATTEMPT_MS],
  ])('per-attempt timeout for %i bytes / %i s is %i ms (scales with the recording, capped)', (bytes, secs, ms) => {
    expect(fastTimeoutMs(bytes, secs)).toBe(ms);
  });
  it.each([
    [undefined, 4],
    [1, 2],
    [36, 35],
  ])('maxSpeakers %s → %s (the API accepts 2 to 35)', (hint, expected) => {
    expect(fastDefinition({ maxSpeakers: hint })).toMatchObject({
      diarization: { enabled: true, maxSpeakers: expected },
    });
  });
});
