import { publicMessage, toError } from '../../src/errors';
import { log } from '../../src/log';
import type { JobTicket } from '../../src/model/jobs';
import type { Stage } from '../../src/model/manifest';
import type { StepResult } from '../../src/model/pipeline';
import type { BlobRef } from '../../src/model/refs';
import { updateManifest } from '../../src/store/manifestStore';
import type { ManifestPatch } from '../../src/store/manifestUpdates';
import type { StepDeps } from './deps';

export interface StepOutcome<S> {
  ref?: BlobRef;
  stats: S;
  /** Recorded in the manifest with this step's timing (results, engines…). */
  patch?: Omit<ManifestPatch, 'timing'>;
  /** Fan-out steps record their stage once, in the step that joins them. */
  skipManifest?: boolean;
  /** When the stage began, if before this step (the join of a fan-out, the last poll of a job). */
  stageStartedAt?: string;
  /** A service job still in flight: the orchestrator polls it (DESIGN.md §4); the manifest waits for its end. */
  job?: JobTicket;
}

/**
 * Runs one pipeline step the same way for every activity: times it, records the timing and results in the
 * manifest, logs ids and durations only. Expected failures come back as `{ok: false, code, message}`; transient
 * ones are rethrown so the orchestrator's retry policy applies (DESIGN.md §4).
 */
export async function runStep<S>(
  stage: Stage,
  encounterId: string,
  deps: StepDeps,
  work: () => Promise<StepOutcome<S>>,
): Promise<StepResult<S>> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  try {
    const outcome = await work();
    const endedAt = new Date().toISOString();
    if (!outcome.skipManifest && !outcome.job) {
      await updateManifest(deps.blobs(), encounterId, {
        status: 'Running',
        ...outcome.patch,
        timing: { stage, startedAt: outcome.stageStartedAt ?? startedAt, endedAt },
      });
    }
    const durationMs = Math.round(performance.now() - started);
    if (outcome.job) log.info('step.pending', { encounterId, stage, job: outcome.job.kind, durationMs });
    else log.info('step.completed', { encounterId, stage, durationMs });
    return { ok: true, ref: outcome.ref, stats: outcome.stats, ...(outcome.job ? { job: outcome.job } : {}) };
  } catch (thrown) {
    const error = toError(thrown);
    log.warn('step.failed', {
      encounterId,
      stage,
      code: error.code,
      retriable: error.retriable,
      durationMs: Math.round(performance.now() - started),
    });
    if (error.retriable) throw error;
    return { ok: false, code: error.code, message: publicMessage(error.message) };
  }
}
