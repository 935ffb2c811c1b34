import * as df from 'durable-functions';

import { createBatchSpeechEngine } from '../src/engines/speech';
import { NonRetriableError } from '../src/errors';
import { JobTicketSchema, nextTicket } from '../src/model/jobs';
import { ActivityNames } from '../src/model/names';
import type { PollTranscriptionInput, StepResult } from '../src/model/pipeline';
import { updateManifest } from '../src/store/manifestStore';
import { defaultDeps, type StepDeps } from './lib/deps';
import type { StepOutcome } from './lib/runStep';
import { runStep } from './lib/runStep';
import { saveTranscript } from './lib/saveTranscript';

/**
 * One status check of the batch transcription job `transcribe` submitted: still running → the ticket for the
 * next check (the service's Retry-After, else backoff); done → transcript.json saved, then the job deleted and
 * cleared from the manifest. One service call, so a restart between checks costs nothing.
 */
export async function pollTranscription(
  input: PollTranscriptionInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult> {
  return runStep('transcribe', input.encounterId, deps, async (): Promise<StepOutcome<Record<string, number>>> => {
    const ticket = JobTicketSchema.safeParse(input.job);
    if (!ticket.success || ticket.data.kind !== 'speechBatch' || ticket.data.ids.length !== 1)
      throw new NonRetriableError('InvalidInput', 'pollTranscription needs one batch transcription job id');
    const job = ticket.data;
    const id = job.ids[0]!;
    const engine = createBatchSpeechEngine(deps.config());
    const polled = await engine.poll(id, { locale: input.locale });
    if (polled.status === 'running')
      return { stats: { polls: job.polls + 1 }, job: nextTicket(job, polled.retryAfterMs) };
    const outcome = await saveTranscript(deps, input.encounterId, polled.result, 'speech');
    // Deleted only once saved: a crash before this point re-reads the finished job instead of losing it.
    await engine.delete(id);
    await updateManifest(deps.blobs(), input.encounterId, { jobs: { speechBatch: '' } });
    return { ...outcome, stageStartedAt: job.submittedAt };
  });
}

df.app.activity(ActivityNames.pollTranscription, {
  handler: (input: PollTranscriptionInput) => pollTranscription(input),
});
