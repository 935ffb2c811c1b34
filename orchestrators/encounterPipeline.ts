import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import * as df from 'durable-functions';

import type { JobTicket } from '../src/model/jobs';
import type { Stage } from '../src/model/manifest';
import { ActivityNames, EventNames, OrchestratorNames, PollActivityNames } from '../src/model/names';
import {
  addHours,
  type PipelineInput,
  type PipelineOutput,
  type PipelineStage,
  type ReviewDecision,
  type StepResult,
} from '../src/model/pipeline';
import { describeIssue, PipelineInputSchema } from '../src/model/stepInputs';
import { awaitJobs } from './lib/awaitJobs';
import { failure, StageFailure } from './lib/stageFailure';

/** DESIGN.md §4: first retry after 2 s, backoff 2, at most 60 s apart, 6 attempts. */
const retry = new df.RetryOptions(2_000, 6);
retry.backoffCoefficient = 2;
retry.maxRetryIntervalInMilliseconds = 60_000;

const DOCUMENT_TYPES = ['txt', 'vtt', 'pdf'];
const MAX_REVIEW_ROUNDS = 20;

type Stats = Record<string, number | string>;
type Step<S> = Generator<Task, { stats: S }, unknown>;

/**
 * The encounter pipeline: intake → chunk plan → health fan-out + merge → FHIR ∥ note → optional review →
 * optional FHIR export → finalize. Replay-safe: only `context.df` for time, no I/O; activities pass references.
 */
const encounterPipeline: OrchestrationHandler = function* (context: OrchestrationContext) {
  // Untrusted (management-key holders can start it with anything): a bad input fails before any activity or write.
  const parsed = PipelineInputSchema.safeParse(context.df.getInput());
  if (!parsed.success) throw new Error(`intake failed: InvalidInput: ${describeIssue(parsed.error)}`);
  const input: PipelineInput = parsed.data;
  const { encounterId, options } = input;
  let current: Stage = 'intake';
  const status = (stage: PipelineStage, progress: number, detail: string) =>
    context.df.setCustomStatus({ stage, progress, detail });
  const call = (name: string, payload: object) =>
    context.df.callActivityWithRetry(name, retry, { encounterId, ...payload });
  const check = <S = Stats>(stage: Stage, result: StepResult<S>) => {
    if (!result.ok) throw failure(stage, result.code, result.message);
    return result;
  };
  // A step that submitted a service job is done when the orchestrator's polling of that job is (DESIGN.md §4).
  const poll = (payload: object) => (job: JobTicket) => call(PollActivityNames[job.kind], { ...payload, job });
  function* step<S = Stats>(stage: Stage, progress: number, detail: string, name: string, payload = {}): Step<S> {
    current = stage;
    status(stage, progress, detail);
    const [result] = yield* awaitJobs(context, [(yield call(name, payload)) as StepResult<S>], poll(payload));
    return check(stage, result as StepResult<S>);
  }

  try {
    const intake = { source: input.source, locale: options.locale, maxSpeakers: options.maxSpeakers };
    if (DOCUMENT_TYPES.includes(input.source.type))
      yield* step('extractDocument', 0.05, 'reading the document', ActivityNames.extractDocument, intake);
    else yield* step('transcribe', 0.05, 'transcribing the recording', ActivityNames.transcribe, intake);

    const maxGraphemes = options.chunkGraphemes;
    const { chunks } = (yield* step<{ chunks: number }>('planChunks', 0.4, 'planning', ActivityNames.planChunks, {
      maxGraphemes,
    })).stats;
    current = 'analyzeHealth';
    status('analyzeHealth', 0.45, `analysing ${chunks} chunk(s)`);
    const startedAt = context.df.currentUtcDateTime.toISOString();
    const partials = Array.from({ length: chunks }, (_, index) => call(ActivityNames.analyzeHealth, { index }));
    const submitted = (yield context.df.Task.all(partials)) as StepResult[];
    const results = yield* awaitJobs(context, submitted, (job, index) => poll({ index })(job));
    results.forEach((result) => check('analyzeHealth', result));
    yield* step('analyzeHealth', 0.6, 'merging entities', ActivityNames.mergeHealth, { count: chunks, startedAt });

    current = 'buildFhir';
    status('buildFhir', 0.65, 'building the FHIR bundle and writing the note');
    const [fhir, note]: StepResult[] = yield context.df.Task.all([
      call(ActivityNames.buildFhir, {}),
      call(ActivityNames.writeNote, { template: options.template }),
    ]);
    check('buildFhir', fhir!);
    check('writeNote', note!);

    let outcome: PipelineOutput['status'] = 'Completed';
    let review: ReviewDecision | undefined;
    if (options.review) {
      yield* step('review', 0.8, 'awaiting-review', ActivityNames.recordStatus, { status: 'AwaitingReview' });
      status('awaiting-review', 0.8, 'awaiting-review');
      const deadline = addHours(context.df.currentUtcDateTime, options.reviewTimeoutHours);
      for (let round = 0; round < MAX_REVIEW_ROUNDS && review?.action !== 'approve'; round++) {
        const timer = context.df.createTimer(deadline);
        const event = context.df.waitForExternalEvent(EventNames.review);
        const winner: Task = yield context.df.Task.any([event, timer]);
        if (winner !== event) {
          outcome = 'ReviewExpired';
          break;
        }
        timer.cancel();
        review = event.result as ReviewDecision;
        status(review.action === 'approve' ? 'review' : 'awaiting-review', 0.8, review.action);
      }
      if (outcome === 'Completed' && review?.action !== 'approve') outcome = 'ReviewExpired';
      const at = context.df.currentUtcDateTime.toISOString();
      if (outcome === 'Completed') yield* step('review', 0.85, 'approved', ActivityNames.approveNote, { review, at });
    }

    if (input.exportFhir && outcome === 'Completed')
      yield* step('exportFhir', 0.9, 'exporting to the FHIR server', ActivityNames.exportFhir);
    yield* step('finalize', 0.95, 'writing the report', ActivityNames.finalize, { outcome, review });
    status(outcome === 'Completed' ? 'completed' : 'review-expired', 1, outcome);
    return { encounterId, status: outcome, review } satisfies PipelineOutput;
  } catch (error) {
    const { stage, code, message } =
      error instanceof StageFailure
        ? error
        : failure(current, 'StepFailed', `The ${current} step kept failing and was given up after retries`);
    yield call(ActivityNames.recordFailure, { stage, code, message });
    status('failed', 1, `${code}: ${message}`);
    throw new Error(`${stage} failed: ${code}: ${message}`);
  }
};

df.app.orchestration(OrchestratorNames.encounterPipeline, encounterPipeline);
