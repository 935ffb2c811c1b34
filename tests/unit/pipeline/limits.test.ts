import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extractDocument } from '../../../activities/extractDocument';
import type { StepDeps } from '../../../activities/lib/deps';
import { mergeHealth } from '../../../activities/mergeHealth';
import { planChunks } from '../../../activities/planChunks';
import { loadConfig } from '../../../src/config';
import { toError } from '../../../src/errors';
import { setLogSink } from '../../../src/log';
import { ENCOUNTER_LIMITS } from '../../../src/model/limits';
import { Containers } from '../../../src/model/names';
import { artifactRef, partialRef } from '../../../src/store/artifacts';
import { ensureContainers, openRead, writeBlob, writeJson } from '../../../src/store/blobIo';
import { startTestStorage } from '../store/azurite';

setLogSink(() => undefined);

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let deps: StepDeps;
const config = loadConfig({});

beforeAll(async () => {
  storage = await startTestStorage();
  deps = { blobs: () => storage.blobs, config: () => config };
  await ensureContainers(storage.blobs, [Containers.uploads, Containers.encounters]);
});
afterAll(async () => storage?.stop());

async function textUpload(id: string, text: string) {
  const uploaded = await writeBlob(deps.blobs(), { container: Containers.uploads, name: `${id}.txt` }, text);
  return { encounterId: id, source: { ...uploaded, type: 'txt' }, locale: 'en-US' };
}

describe('per-encounter limits (issue 10 item 2)', () => {
  it('refuses a text document past the byte limit, without retries and without writing a transcript', async () => {
    const intake = await textUpload('enc-0000c001', 'cough '.repeat(ENCOUNTER_LIMITS.maxTextDocumentBytes / 6 + 10));
    expect(await extractDocument(intake, deps)).toMatchObject({ ok: false, code: 'TooLarge' });
    expect(await openRead(storage.blobs, artifactRef(intake.encounterId, 'transcript'))).toBeUndefined();
  });

  it('refuses a transcript past the character limit', async () => {
    const line = `Patient: ${'cough '.repeat(100)}\n`;
    const text = line.repeat(Math.ceil(ENCOUNTER_LIMITS.maxTranscriptChars / 600) + 5);
    expect(Buffer.byteLength(text)).toBeLessThan(ENCOUNTER_LIMITS.maxTextDocumentBytes);
    const intake = await textUpload('enc-0000c002', text);
    expect(await extractDocument(intake, deps)).toMatchObject({ ok: false, code: 'TooLarge' });
    expect(await openRead(storage.blobs, artifactRef(intake.encounterId, 'transcript'))).toBeUndefined();
  });

  it('refuses a chunk plan past the chunk limit', async () => {
    const id = 'enc-0000c003';
    const segments = Array.from({ length: ENCOUNTER_LIMITS.maxChunks + 1 }, (_, i) => ({
      id: `s${i + 1}`,
      speaker: 'A',
      role: 'patient' as const,
      start: 0,
      end: 0,
      text: 'x'.repeat(150),
      words: [],
    }));
    const transcript = { duration: 0, locale: 'en-US', engine: 'document-txt', speakers: [], segments };
    await writeJson(storage.blobs, artifactRef(id, 'transcript'), transcript);
    expect(await planChunks({ encounterId: id, maxGraphemes: 100 }, deps)).toMatchObject({
      ok: false,
      code: 'TooLarge',
    });
  });

  it('refuses a merge past the entity limit', async () => {
    const id = 'enc-0000c004';
    const entity = {
      text: 'cough',
      category: 'SymptomOrSign',
      offset: 0,
      length: 5,
      segmentId: 's1',
      assertion: {},
      codes: [],
      confidence: 1,
    };
    const half = Math.ceil((ENCOUNTER_LIMITS.maxEntities + 1) / 2);
    for (const index of [0, 1]) {
      const entities = Array.from({ length: half }, (_, i) => ({ ...entity, id: `e${index}-${i}` }));
      await writeJson(storage.blobs, partialRef(id, index), { engine: 'local', entities, relations: [] });
    }
    const result = await mergeHealth({ encounterId: id, count: 2, startedAt: new Date().toISOString() }, deps);
    expect(result).toMatchObject({ ok: false, code: 'TooLarge' });
    expect(await openRead(storage.blobs, artifactRef(id, 'health'))).toBeUndefined();
  });

  it('treats a RangeError (e.g. "Invalid string length") as a non-retriable limit', () => {
    expect(toError(new RangeError('Invalid string length'))).toMatchObject({ code: 'ResourceLimit', retriable: false });
    expect(toError(new Error('socket hang up'))).toMatchObject({ retriable: true });
  });
});
