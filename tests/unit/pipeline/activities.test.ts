import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyzeHealth } from '../../../activities/analyzeHealth';
import { buildFhir } from '../../../activities/buildFhir';
import { extractDocument } from '../../../activities/extractDocument';
import { finalize } from '../../../activities/finalize';
import type { StepDeps } from '../../../activities/lib/deps';
import { mergeHealth } from '../../../activities/mergeHealth';
import { planChunks } from '../../../activities/planChunks';
import { recordFailure } from '../../../activities/recordFailure';
import { transcribe } from '../../../activities/transcribe';
import { writeNote } from '../../../activities/writeNote';
import { loadConfig } from '../../../src/config';
import { validateBundle } from '../../../src/engines/fhir/validate';
import { setLogSink } from '../../../src/log';
import { HealthAnalysisSchema } from '../../../src/model/health';
import { Containers } from '../../../src/model/names';
import { NoteSchema } from '../../../src/model/note';
import { TranscriptSchema } from '../../../src/model/transcript';
import { artifactRef, chunkPlanRef } from '../../../src/store/artifacts';
import { ensureContainers, openRead, readBuffer, readJson, writeBlob } from '../../../src/store/blobIo';
import { createManifest, readManifest } from '../../../src/store/manifestStore';
import { newManifest } from '../../../src/store/manifestUpdates';
import { startTestStorage } from '../store/azurite';

setLogSink(() => undefined);

const TEXT = [
  'Doctor: What brings you in today?',
  'Patient: I have had a cough and a fever for three days.',
  'Doctor: Any chest pain or shortness of breath?',
  'Patient: No chest pain. I take lisinopril ten milligrams daily for high blood pressure.',
  'Doctor: Your temperature is 38.2 degrees. I think this is a viral upper respiratory infection.',
].join('\n');

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let deps: StepDeps;
const config = loadConfig({});

async function newEncounter(id: string, name: string, content: Buffer | string, type: string) {
  const uploaded = await writeBlob(deps.blobs(), { container: Containers.uploads, name }, content);
  await createManifest(
    deps.blobs(),
    newManifest(id, { ...uploaded, etag: uploaded.etag!, type }, {}, new Date().toISOString()),
  );
  return { encounterId: id, source: { ...uploaded, type }, locale: 'en-US' };
}

beforeAll(async () => {
  storage = await startTestStorage();
  deps = { blobs: () => storage.blobs, config: () => config };
  await ensureContainers(storage.blobs, [Containers.uploads, Containers.encounters]);
});
afterAll(async () => storage?.stop());

describe('activities against Azurite with the offline engines', () => {
  it('run the document pipeline end to end, each writing its artifact and timing', async () => {
    const intake = await newEncounter('enc-00000a01', 'visit.txt', TEXT, 'txt');
    const id = intake.encounterId;
    const extracted = await extractDocument(intake, deps);
    expect(extracted).toMatchObject({ ok: true, stats: { segments: 5, speakers: 2 } });
    const plan = await planChunks({ encounterId: id, maxGraphemes: 120 }, deps);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.stats.chunks).toBeGreaterThan(1);
    const startedAt = new Date().toISOString();
    const partials = await Promise.all(
      Array.from({ length: plan.stats.chunks }, (_, index) => analyzeHealth({ encounterId: id, index }, deps)),
    );
    expect(partials.every((p) => p.ok)).toBe(true);
    expect(await mergeHealth({ encounterId: id, count: plan.stats.chunks, startedAt }, deps)).toMatchObject({
      ok: true,
    });
    const [fhir, note] = await Promise.all([
      buildFhir({ encounterId: id }, deps),
      writeNote({ encounterId: id, template: 'soap' }, deps),
    ]);
    expect(fhir).toMatchObject({ ok: true });
    expect(note).toMatchObject({ ok: true });
    expect(await finalize({ encounterId: id, outcome: 'Completed' }, deps)).toMatchObject({ ok: true });

    const blobs = storage.blobs;
    const transcript = await readJson(blobs, artifactRef(id, 'transcript'), TranscriptSchema);
    const health = await readJson(blobs, artifactRef(id, 'health'), HealthAnalysisSchema);
    expect(health.entities.length).toBeGreaterThan(3);
    expect(health.entities.some((e) => e.category === 'MedicationName')).toBe(true);
    const bundle = JSON.parse((await readBuffer(blobs, artifactRef(id, 'fhir'))).toString()) as never;
    expect(validateBundle(bundle).valid).toBe(true);
    const written = await readJson(blobs, artifactRef(id, 'note'), NoteSchema);
    const segmentIds = new Set(transcript.segments.map((s) => s.id));
    for (const sentence of written.sections.flatMap((s) => s.sentences))
      expect(sentence.evidence.every((e) => segmentIds.has(e))).toBe(true);
    const report = (await readBuffer(blobs, artifactRef(id, 'report'))).toString();
    expect(report).toMatch(/<html/i);
    expect(report).toMatch(/<th>Status<\/th>\s*<td>Completed<\/td>/);
    expect((await readBuffer(blobs, artifactRef(id, 'noteMarkdown'))).length).toBeGreaterThan(0);
    expect(await openRead(blobs, chunkPlanRef(id))).toBeUndefined();

    const manifest = (await readManifest(blobs, id))!;
    expect(manifest.status).toBe('Completed');
    expect(Object.keys(manifest.results).sort()).toEqual([
      'fhir',
      'health',
      'note',
      'noteMarkdown',
      'report',
      'transcript',
    ]);
    expect(manifest.timings.map((t) => t.stage).sort()).toEqual([
      'analyzeHealth',
      'buildFhir',
      'extractDocument',
      'finalize',
      'planChunks',
      'writeNote',
    ]);
    expect(manifest.engines).toMatchObject({ transcript: 'document-txt' });
    // The faithfulness check ran: its counts are in the manifest and agree with note.json.
    const flagged = written.sections.flatMap((s) => s.sentences).filter((s) => s.flags?.length).length;
    expect(manifest.counts).toMatchObject({
      noteSentences: written.sections.flatMap((s) => s.sentences).length,
      noteFlaggedSentences: flagged,
    });
  });

  it('keep the bundles Text Analytics for Health returned beside the canonical bundle', async () => {
    const intake = await newEncounter('enc-00000a05', 'ta4h.txt', TEXT, 'txt');
    const id = intake.encounterId;
    await extractDocument(intake, deps);
    const transcript = await readJson(storage.blobs, artifactRef(id, 'transcript'), TranscriptSchema);
    const ta4hBundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient' } }],
    };
    await writeBlob(
      storage.blobs,
      artifactRef(id, 'health'),
      JSON.stringify({
        engine: 'azure-ta4h',
        entities: [],
        relations: [],
        warnings: [],
        fhirBundles: [{ documentId: '0', offset: 0, bundle: ta4hBundle }],
      }),
    );
    expect(transcript.segments.length).toBe(5);
    expect(await buildFhir({ encounterId: id }, deps)).toMatchObject({ ok: true });
    const sidecar = JSON.parse((await readBuffer(storage.blobs, artifactRef(id, 'fhirTa4h'))).toString());
    expect(sidecar).toMatchObject({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: ta4hBundle }] });
    expect(Object.keys((await readManifest(storage.blobs, id))!.results)).toEqual(
      expect.arrayContaining(['fhir', 'fhirTa4h']),
    );
  });

  it('are idempotent: a re-delivered step overwrites the same blob and counts an attempt, adding nothing', async () => {
    const intake = await newEncounter('enc-00000a02', 'again.txt', TEXT, 'txt');
    await extractDocument(intake, deps);
    const first = await readBuffer(storage.blobs, artifactRef(intake.encounterId, 'transcript'));
    await extractDocument(intake, deps);
    expect(await readBuffer(storage.blobs, artifactRef(intake.encounterId, 'transcript'))).toEqual(first);
    const manifest = (await readManifest(storage.blobs, intake.encounterId))!;
    expect(manifest.timings).toHaveLength(1);
    expect(manifest.timings[0]).toMatchObject({ stage: 'extractDocument', attempt: 2 });
  });

  it('return expected failures as {ok: false, code, message} and leave earlier outputs', async () => {
    const bad = await newEncounter('enc-00000a03', 'bad.txt', Buffer.from([0x41, 0xc3, 0x28]), 'txt');
    expect(await extractDocument(bad, deps)).toMatchObject({ ok: false, code: 'InvalidDocument' });
    expect(await transcribe({ ...bad, source: { ...bad.source, type: 'unknown' } }, deps)).toMatchObject({
      ok: false,
      code: 'UnsupportedType',
    });
    const corrupt = await newEncounter(
      'enc-00000a04',
      'corrupt.wav',
      Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(400, 7)]),
      'wav',
    );
    const result = await transcribe(corrupt, deps);
    expect(result.ok).toBe(false);
    await recordFailure(
      {
        encounterId: corrupt.encounterId,
        stage: 'transcribe',
        code: result.ok ? '' : result.code,
        message: result.ok ? '' : result.message,
      },
      deps,
    );
    const manifest = (await readManifest(storage.blobs, corrupt.encounterId))!;
    expect(manifest).toMatchObject({ status: 'Failed', error: { stage: 'transcribe' } });
    expect(await openRead(storage.blobs, corrupt.source)).toBeDefined();
  });

  it('throw transient failures (storage unreachable) so the retry policy applies', async () => {
    const unreachable = new BlobServiceClient('http://127.0.0.1:9/devstoreaccount1', undefined, {
      retryOptions: { maxTries: 1 },
    });
    await expect(
      planChunks(
        { encounterId: 'enc-00000a05', maxGraphemes: 100 },
        { blobs: () => unreachable, config: () => config },
      ),
    ).rejects.toMatchObject({ retriable: true });
  });
});
