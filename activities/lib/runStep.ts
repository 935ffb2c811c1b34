import { publicMessage, toError } from '../../src/errors';
import { log } from '../../src/log';
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
  /** When the stage began, if before this step (the join of a fan-out). */
  stageStartedAt?: string;
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
    if (!outcome.skipManifest) {
      await updateManifest(deps.blobs(), encounterId, {
        status: 'Running',
        ...outcome.patch,
        timing: { stage, startedAt: outcome.stageStartedAt ?? startedAt, endedAt },
      });
    }
    log.info('step.completed', { encounterId, stage, durationMs: Math.round(performance.now() - started) });
    return { ok: true, ref: outcome.ref, stats: outcome.stats };
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
