// One status vocabulary for the list and the detail view, from the manifest (and the runtime when it knows more).
export const FINISHED = new Set(['Completed', 'Failed', 'ReviewExpired', 'Terminated']);

export const LABELS = {
  Pending: 'Queued',
  Running: 'Processing',
  AwaitingReview: 'Awaiting review',
  Completed: 'Completed',
  Failed: 'Failed',
  ReviewExpired: 'Review expired',
  Terminated: 'Stopped',
};

/** The status of an encounter from its summary or its full view `{manifest, runtime}`. */
export function statusOf(view) {
  const manifest = view.manifest || view;
  const runtime = view.runtime;
  if (runtime && runtime.runtimeStatus === 'Failed') return 'Failed';
  if (runtime && runtime.runtimeStatus === 'Terminated') return manifest.status === 'Failed' ? 'Failed' : 'Terminated';
  const stage = runtime && runtime.customStatus && runtime.customStatus.stage;
  if (runtime && runtime.runtimeStatus === 'Running' && stage === 'awaiting-review') return 'AwaitingReview';
  if (manifest.status === 'AwaitingReview' && stage && stage !== 'awaiting-review') return 'Running';
  return manifest.status || 'Pending';
}

/** Pipeline stages as the user sees them, in order, with the manifest stages that make each one up. */
export const STEPS = [
  { label: 'Transcribe', stages: ['transcribe', 'extractDocument'] },
  { label: 'Analyse', stages: ['planChunks', 'analyzeHealth'] },
  { label: 'FHIR + note', stages: ['buildFhir', 'writeNote'] },
  { label: 'Review', stages: ['review'] },
  { label: 'Report', stages: ['exportFhir', 'finalize'] },
];

/** Per step: 'done', 'active', 'failed', 'skipped' or 'todo', from the current (or failed) stage and the timings. */
export function stepStates(manifest, runtime) {
  const indexOf = (stage) => STEPS.findIndex((step) => step.stages.includes(stage));
  const timed = new Set((manifest.timings || []).map((t) => t.stage));
  const status = statusOf({ manifest, runtime });
  if (status === 'Completed' || status === 'ReviewExpired')
    return STEPS.map((step) => (step.label === 'Review' && !timed.has('review') ? 'skipped' : 'done'));
  let current = -1;
  if (manifest.error) current = indexOf(manifest.error.stage);
  else if (status === 'AwaitingReview') current = indexOf('review');
  else if (runtime && runtime.customStatus) current = indexOf(runtime.customStatus.stage);
  if (current < 0) current = Math.max(-1, ...[...timed].map(indexOf));
  return STEPS.map((_, i) => {
    if (i < current) return 'done';
    if (i > current) return 'todo';
    return manifest.error || status === 'Failed' || status === 'Terminated' ? 'failed' : 'active';
  });
}
