import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { loadConfig } from '../../../src/config';
import { createNoteEngine } from '../../../src/engines/note';
import { createOpenAiNoteEngine, type OpenAiNoteOptions } from '../../../src/engines/note/openai';
import { verifyNote } from '../../../src/engines/note/verify';
import { NonRetriableError, TransientError } from '../../../src/errors';
import { setLogSink } from '../../../src/log';
import type { Note } from '../../../src/model/note';
import { countFlags, NoteSchema } from '../../../src/model/note';
import { encounterFixture } from '../fhir/fixtures';
import { AZURE_CONTENT_FILTER_BODY, type FakeOpenAi, startFakeOpenAi } from './fakeOpenAiServer';

setLogSink(() => undefined);
const { transcript, analysis } = encounterFixture('enc-diabetes-followup');
const segmentIds = new Set(transcript.segments.map((s) => s.id));
const sentences = (note: Note) => note.sections.flatMap((s) => s.sentences);

let fake: FakeOpenAi;
let waits: number[];
beforeEach(async () => {
  fake = await startFakeOpenAi();
  waits = [];
});
afterEach(() => fake.close());

const engine = (extra: Partial<OpenAiNoteOptions> = {}) =>
  createOpenAiNoteEngine({
    client: new OpenAI({
      baseURL: `${fake.url}/v1`,
      apiKey: 'test-key',
      maxRetries: 0,
      timeout: extra.timeoutMs ?? 10_000,
    }),
    model: 'test-model',
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });

describe('OpenAI note engine against a Chat Completions fake', () => {
  test("the faithfulness check flags a model's unsupported sentences and never drops them", async () => {
    const answer = {
      sections: [
        {
          id: 'subjective',
          sentences: [
            { text: 'The patient reports sugars of 180 before breakfast.', evidence: ['s2', 's4'] },
            { text: 'The patient reports chest pain.', evidence: ['s8'] },
            { text: 'The patient takes metformin 850 mg twice a day.', evidence: ['s5', 's6'] },
          ],
        },
      ],
    };
    fake.script.push({ kind: 'content', content: JSON.stringify(answer) });
    const note = verifyNote(await engine().write(transcript, analysis, { template: 'soap' }), transcript, analysis);
    const written = sentences(note);
    expect(written.map((s) => s.text)).toEqual(answer.sections[0]!.sentences.map((s) => s.text));
    expect(written[0]!.flags).toBeUndefined();
    expect(written[1]!.flags?.map((f) => f.code)).toContain('negation-flip');
    expect(written[2]!.flags?.map((f) => f.code)).toContain('number-mismatch');
    expect(countFlags(note)).toMatchObject({ sentences: 3, flaggedSentences: 2 });
  });

  test('sends the whole transcript with a strict JSON schema and returns a grounded note', async () => {
    const config = loadConfig({ NOTE_ENGINE: 'openai', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODEL: 'local-llm' });
    const note = await createNoteEngine(config).write(transcript, analysis, { template: 'hp' });
    expect(NoteSchema.parse(note).template).toBe('hp');
    expect(note.engine).toBe('openai');
    expect(sentences(note).length).toBe(transcript.segments.length);
    for (const s of sentences(note)) for (const id of s.evidence) expect(segmentIds).toContain(id);
    const request = fake.requests[0]!;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body.model).toBe('local-llm');
    expect(request.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'clinical_note', strict: true },
    });
    const user = request.body.messages.find((m) => m.role === 'user')!.content;
    for (const s of transcript.segments) expect(user).toContain(`[${s.id}] ${s.role}: ${s.text}`);
    expect(user).toContain('s8 SymptomOrSign: chest pain (certainty=negative)');
  });

  test('Azure OpenAI: deployment URL, api-version and api-key header', async () => {
    const config = loadConfig({
      NOTE_ENGINE: 'azure-openai',
      AZURE_OPENAI_ENDPOINT: fake.url,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-dep',
      AZURE_OPENAI_KEY: 'k1',
    });
    const note = await createNoteEngine(config).write(transcript, analysis);
    expect(note.engine).toBe('azure-openai');
    expect(fake.requests[0]!.url).toBe('/openai/deployments/gpt-dep/chat/completions?api-version=2024-10-21');
    expect(fake.requests[0]!.headers['api-key']).toBe('k1');
  });

  test('sentences citing unknown segments are dropped or trimmed, and counted', async () => {
    fake.script.push({ kind: 'unknownEvidence' });
    const note = await engine().write(transcript, analysis);
    expect(sentences(note)).toEqual([{ text: 'Half grounded.', evidence: ['s1'] }]);
    expect(note.dropped).toBe(1);
  });

  test.each([
    ['not JSON', 'Sure! Here is the note.'],
    ['a section id outside the template', JSON.stringify({ sections: [{ id: 'billing', sentences: [] }] })],
    [
      'a sentence without evidence',
      JSON.stringify({ sections: [{ id: 'plan', sentences: [{ text: 'x', evidence: [] }] }] }),
    ],
  ])('a schema violation (%s) is retried once', async (_name, content) => {
    fake.script.push({ kind: 'content', content });
    const note = await engine().write(transcript, analysis);
    expect(fake.requests).toHaveLength(2);
    expect(sentences(note).length).toBeGreaterThan(0);
  });

  test('two schema violations fail as NonRetriable', async () => {
    fake.script.push({ kind: 'content', content: '{}' }, { kind: 'content', content: '{"sections": 3}' });
    const error = await engine()
      .write(transcript, analysis)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as NonRetriableError).code).toBe('NoteSchemaViolation');
    expect(fake.requests).toHaveLength(2);
  });

  test('Azure content filter (400) is NonRetriable with a clear reason', async () => {
    fake.script.push({ kind: 'http', status: 400, body: AZURE_CONTENT_FILTER_BODY });
    const error = await engine()
      .write(transcript, analysis)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as NonRetriableError).code).toBe('ContentFiltered');
    expect((error as Error).message).toMatch(/content filter/);
    expect(fake.requests).toHaveLength(1);
  });

  test('finish_reason content_filter is NonRetriable', async () => {
    fake.script.push({ kind: 'content', content: '', finish: 'content_filter' });
    await expect(engine().write(transcript, analysis)).rejects.toMatchObject({
      code: 'ContentFiltered',
      retriable: false,
    });
  });

  test('another 4xx is NonRetriable; 5xx is retried', async () => {
    fake.script.push({
      kind: 'http',
      status: 404,
      body: { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } },
    });
    await expect(engine().write(transcript, analysis)).rejects.toMatchObject({
      code: 'OpenAiHttp404',
      retriable: false,
    });
    fake.script.push({ kind: 'http', status: 503, body: { error: { message: 'busy' } } });
    await engine().write(transcript, analysis);
    expect(waits).toEqual([1000]);
  });

  test('429 waits for Retry-After, then succeeds', async () => {
    fake.script.push({
      kind: 'http',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { code: '429', message: 'Rate limit is exceeded.' } },
    });
    const note = await engine().write(transcript, analysis);
    expect(waits).toEqual([3000]);
    expect(fake.requests).toHaveLength(2);
    expect(sentences(note).length).toBeGreaterThan(0);
  });

  test('429 with a long Retry-After is handed back as TransientError carrying it', async () => {
    fake.script.push({
      kind: 'http',
      status: 429,
      headers: { 'retry-after': '120' },
      body: { error: { code: '429', message: 'Rate limit is exceeded.' } },
    });
    const error = await engine()
      .write(transcript, analysis)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(120_000);
    expect(waits).toEqual([]);
  });

  test('a request that times out is Transient', async () => {
    fake.script.push({ kind: 'slow', ms: 5_000 });
    const error = await engine({ timeoutMs: 300, maxAttempts: 1 })
      .write(transcript, analysis)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('OpenAiTimeout');
  });

  test.each([
    ['merged by the model', 100_000, 'Merge'],
    ['concatenated when the partial notes are too long to merge', undefined, 'Part '],
  ])(
    'a long transcript is map-reduced (%s): every segment is sent once, nothing is cut',
    async (_name, maxReduceChars, last) => {
      const note = await engine({ maxInputChars: 400, maxReduceChars }).write(transcript, analysis);
      const chunkRequests = fake.requests.filter((r) => r.body.messages[1]!.content.startsWith('Part '));
      expect(chunkRequests.length).toBeGreaterThan(2);
      const sent = chunkRequests.map((r) => r.body.messages[1]!.content).join('\n');
      for (const s of transcript.segments) expect(sent.split(`[${s.id}] ${s.role}: ${s.text}\n`).length - 1).toBe(1);
      expect(fake.requests.at(-1)!.body.messages[1]!.content.startsWith(last)).toBe(true);
      expect(new Set(sentences(note).flatMap((s) => s.evidence))).toEqual(segmentIds);
    },
  );
});
