import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import * as df from 'durable-functions';

import { CONTENT_TYPE_OF, isAudioType } from '../src/engines/documents/sniffType';
import { createSpeechEngine, type TranscribeOptions, type TranscribeOrJob } from '../src/engines/speech';
import { NonRetriableError } from '../src/errors';
import { JobTicketSchema, newTicket } from '../src/model/jobs';
import { ActivityNames } from '../src/model/names';
import type { IntakeInput, StepResult } from '../src/model/pipeline';
import { IntakeInputSchema } from '../src/model/stepInputs';
import { downloadToFile } from '../src/store/blobIo';
import { readManifest, updateManifest } from '../src/store/manifestStore';
import { makeTempDir } from '../src/tempFiles';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';
import { saveTranscript } from './lib/saveTranscript';

const JOB_ID = JobTicketSchema.shape.ids.element;

/**
 * Audio upload → diarized transcript.json, or (Azure, long recordings) a submitted batch transcription job that
 * the orchestrator polls with `pollTranscription`. The audio is streamed to a temporary file, never held in memory.
 */
export async function transcribe(input: IntakeInput, deps: StepDeps = defaultDeps): Promise<StepResult> {
  const invalid = invalidInput(ActivityNames.transcribe, IntakeInputSchema, input);
  if (invalid) return invalid;
  return runStep('transcribe', input.encounterId, deps, async () => {
    const type = input.source.type;
    if (type === 'empty') throw new NonRetriableError('EmptyUpload', 'The upload is empty');
    if (!isAudioType(type))
      throw new NonRetriableError(
        'UnsupportedType',
        'The upload is neither a supported recording (wav, mp3, m4a, ogg, flac, webm) nor a document (txt, vtt, pdf)',
      );
    const blobs = deps.blobs();
    const submittedAt = new Date().toISOString();
    // A re-run after a crash that followed the submit resumes the job kept in the manifest: no second job.
    const stored = (await readManifest(blobs, input.encounterId))?.jobs.speechBatch;
    if (stored && JOB_ID.safeParse(stored).success)
      return { stats: {}, job: newTicket('speechBatch', [stored], submittedAt) };
    const dir = await makeTempDir('audio');
    try {
      const path = join(dir, `input.${type}`);
      await downloadToFile(blobs, input.source, path);
      // Batch transcription reads the upload by URL with the Speech resource's identity.
      const sourceUrl = blobs.getContainerClient(input.source.container).getBlobClient(input.source.name).url;
      const engine = createSpeechEngine(deps.config());
      const audio = { path, contentType: CONTENT_TYPE_OF[type], sourceUrl };
      let progressWrites: Promise<unknown> = Promise.resolve();
      const options: TranscribeOptions = {
        locale: input.locale,
        maxSpeakers: input.maxSpeakers,
        // Seconds of audio done, for the web page; best effort, one write at a time, never failing the step.
        onProgress: (fraction, duration) => {
          if (!duration) return;
          const progress = { stage: 'transcribe' as const, done: fraction * duration, total: duration, unit: 's' };
          progressWrites = progressWrites
            .then(() => updateManifest(blobs, input.encounterId, { progress }))
            .catch(() => undefined);
        },
      };
      const out: TranscribeOrJob = engine.transcribeOrSubmit
        ? await engine.transcribeOrSubmit(audio, options)
        : { transcript: await engine.transcribe(audio, options) };
      await progressWrites;
      if ('jobId' in out) {
        await updateManifest(blobs, input.encounterId, { jobs: { speechBatch: out.jobId } });
        return { stats: {}, job: newTicket('speechBatch', [out.jobId], submittedAt) };
      }
      return await saveTranscript(deps, input.encounterId, out.transcript, 'speech');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

df.app.activity(ActivityNames.transcribe, { handler: (input: IntakeInput) => transcribe(input) });
