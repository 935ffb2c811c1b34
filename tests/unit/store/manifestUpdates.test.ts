import { describe, expect, it } from 'vitest';

import { ManifestSchema } from '../../../src/model/manifest';
import { applyPatch, newManifest, orchestrationOverhead, withTiming } from '../../../src/store/manifestUpdates';

const T0 = '2026-01-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const base = () =>
  newManifest('enc-0123abcd', { container: 'uploads', name: 'a.wav', etag: '"1"', type: 'wav' }, { review: false }, T0);

describe('manifest updates', () => {
  it('a new manifest is schema-valid and Pending', () => {
    expect(ManifestSchema.parse(base())).toMatchObject({ status: 'Pending', timings: [], results: {} });
  });

  it('records a stage timing once; a re-run replaces it and counts the attempt', () => {
    const once = withTiming([], { stage: 'transcribe', startedAt: at(0), endedAt: at(1500) });
    const twice = withTiming(once, { stage: 'transcribe', startedAt: at(2000), endedAt: at(2500) });
    expect(once).toEqual([{ stage: 'transcribe', startedAt: at(0), endedAt: at(1500), durationMs: 1500, attempt: 1 }]);
    expect(twice).toEqual([
      { stage: 'transcribe', startedAt: at(2000), endedAt: at(2500), durationMs: 500, attempt: 2 },
    ]);
  });

  it('records progress inside a stage (seconds of audio transcribed), replacing the previous one', () => {
    const half = applyPatch(base(), { progress: { stage: 'transcribe', done: 40, total: 80, unit: 's' } }, at(5));
    const all = applyPatch(half, { progress: { stage: 'transcribe', done: 80, total: 80, unit: 's' } }, at(6));
    expect(ManifestSchema.parse(half).progress).toEqual({ stage: 'transcribe', done: 40, total: 80, unit: 's' });
    expect(all.progress).toEqual({ stage: 'transcribe', done: 80, total: 80, unit: 's' });
    expect(applyPatch(all, { status: 'Running' }, at(7)).progress).toEqual(all.progress);
    expect(applyPatch(all, { duration: 80 }, at(8)).duration).toBe(80);
  });

  it('merges results and engines, sets error and status, stamps updatedAt', () => {
    const ref = { container: 'encounters', name: 'enc-0123abcd/transcript.json', etag: '"x"' };
    const next = applyPatch(
      base(),
      { status: 'Running', results: { transcript: ref }, engines: { speech: 'local' } },
      at(10),
    );
    const failed = applyPatch(
      next,
      { status: 'Failed', error: { stage: 'transcribe', code: 'Bad', message: 'bad' } },
      at(20),
    );
    expect(next).toMatchObject({
      status: 'Running',
      results: { transcript: ref },
      engines: { speech: 'local' },
      updatedAt: at(10),
    });
    expect(failed).toMatchObject({ status: 'Failed', results: { transcript: ref }, error: { code: 'Bad' } });
    expect(ManifestSchema.parse(failed)).toEqual(failed);
  });

  it.each([
    ['Completed', 'Running', 'Completed'],
    ['Failed', 'Running', 'Failed'],
    ['Completed', 'Failed', 'Failed'],
    ['AwaitingReview', 'Running', 'Running'],
  ] as const)(
    'status %s + patch %s → %s (a late duplicate cannot reopen a final encounter)',
    (from, patch, expected) => {
      expect(applyPatch({ ...base(), status: from }, { status: patch }, at(1)).status).toBe(expected);
    },
  );

  it('overhead is wall time minus the union of stage intervals', () => {
    const manifest = {
      createdAt: at(0),
      updatedAt: at(10_000),
      timings: [
        { stage: 'transcribe' as const, startedAt: at(500), endedAt: at(4500), durationMs: 4000, attempt: 1 },
        { stage: 'buildFhir' as const, startedAt: at(5000), endedAt: at(7000), durationMs: 2000, attempt: 1 },
        { stage: 'writeNote' as const, startedAt: at(5000), endedAt: at(8000), durationMs: 3000, attempt: 1 },
        { stage: 'finalize' as const, startedAt: at(9000), endedAt: at(9500), durationMs: 500, attempt: 1 },
      ],
    };
    expect(orchestrationOverhead(manifest)).toEqual({ wallMs: 10_000, activityMs: 7500, overheadMs: 2500 });
  });
});
