import type { Manifest, Stage } from '../model/manifest';
import type { BlobRef } from '../model/refs';

type Status = Manifest['status'];

/** What a pipeline step reports back into the manifest. Pure: the store applies it under etag concurrency. */
export interface ManifestPatch {
  status?: Status;
  timing?: { stage: Stage; startedAt: string; endedAt: string };
  results?: Record<string, BlobRef>;
  engines?: Record<string, string>;
  error?: Manifest['error'];
  options?: Record<string, unknown>;
  jobs?: Record<string, string>;
  progress?: Manifest['progress'];
  duration?: number;
  counts?: Record<string, number>;
}

const FINAL: readonly Status[] = ['Completed', 'Failed', 'ReviewExpired'];

/**
 * Applies a patch. Idempotent for re-delivered activities: a timing for a stage already recorded replaces it (with
 * `attempt` counted up) instead of adding a second one; results overwrite by key. A final status is only left for
 * another final status, so a late duplicate of an earlier step cannot reopen a finished encounter.
 */
export function applyPatch(manifest: Manifest, patch: ManifestPatch, now: string): Manifest {
  const next: Manifest = { ...manifest, updatedAt: now };
  if (patch.status && (!FINAL.includes(manifest.status) || FINAL.includes(patch.status))) next.status = patch.status;
  if (patch.timing) next.timings = withTiming(manifest.timings, patch.timing);
  if (patch.results) next.results = { ...manifest.results, ...patch.results };
  if (patch.engines) next.engines = { ...manifest.engines, ...patch.engines };
  if (patch.options) next.options = { ...manifest.options, ...patch.options };
  if (patch.jobs) next.jobs = { ...manifest.jobs, ...patch.jobs };
  if (patch.counts) next.counts = { ...manifest.counts, ...patch.counts };
  if (patch.error) next.error = patch.error;
  if (patch.progress) next.progress = patch.progress;
  if (patch.duration !== undefined) next.duration = patch.duration;
  return next;
}

/** Adds or replaces the timing of one stage. */
export function withTiming(
  timings: Manifest['timings'],
  timing: { stage: Stage; startedAt: string; endedAt: string },
): Manifest['timings'] {
  const durationMs = Math.max(0, Date.parse(timing.endedAt) - Date.parse(timing.startedAt));
  const previous = timings.find((t) => t.stage === timing.stage);
  const entry: Manifest['timings'][number] = { ...timing, durationMs, attempt: previous ? previous.attempt + 1 : 1 };
  return [...timings.filter((t) => t.stage !== timing.stage), entry];
}

/** A new manifest for an upload. */
export function newManifest(
  encounterId: string,
  input: Manifest['input'],
  options: Record<string, unknown>,
  now: string,
): Manifest {
  return {
    encounterId,
    status: 'Pending',
    createdAt: now,
    updatedAt: now,
    input,
    options,
    engines: {},
    timings: [],
    results: {},
    jobs: {},
    counts: {},
  };
}

/**
 * Time the pipeline spent outside activities: wall time (manifest created → last update) minus the union of the
 * recorded stage intervals (fan-out stages overlap, so their durations are not summed).
 */
export function orchestrationOverhead(manifest: Pick<Manifest, 'createdAt' | 'updatedAt' | 'timings'>): {
  wallMs: number;
  activityMs: number;
  overheadMs: number;
} {
  const wallMs = Math.max(0, Date.parse(manifest.updatedAt) - Date.parse(manifest.createdAt));
  const intervals = manifest.timings
    .map((t) => [Date.parse(t.startedAt), Date.parse(t.endedAt)] as const)
    .sort((a, b) => a[0] - b[0]);
  let activityMs = 0;
  let end = -Infinity;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    activityMs += e - Math.max(s, end);
    end = e;
  }
  return { wallMs, activityMs, overheadMs: Math.max(0, wallMs - activityMs) };
}
