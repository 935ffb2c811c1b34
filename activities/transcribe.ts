import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import * as df from 'durable-functions';

import { CONTENT_TYPE_OF, isAudioType } from '../src/engines/documents/sniffType';
import { type BatchTranscribeOptions, createSpeechEngine } from '../src/engines/speech';
import { NonRetriableError } from '../src/errors';
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

/** Audio upload → diarized transcript.json. The audio is streamed to a temporary file, never held in memory. */
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
    const dir = await makeTempDir('audio');
    try {
      const path = join(dir, `input.${type}`);
      await downloadToFile(deps.blobs(), input.source, path);
      const blobs = deps.blobs();
      // Batch transcription (Azure, past 2 h / 300 MB) reads the upload by URL with the Speech resource's identity,
      // and its job URL is kept in the manifest so a re-run after a restart resumes polling instead of starting over.
      const sourceUrl = blobs.getContainerClient(input.source.container).getBlobClient(input.source.name).url;
      const manifest = await readManifest(blobs, input.encounterId);
      const options: BatchTranscribeOptions = {
        locale: input.locale,
        maxSpeakers: input.maxSpeakers,
        jobUrl: manifest?.jobs.speechBatch || undefined,
        onJobCreated: async (jobUrl) => {
          await updateManifest(blobs, input.encounterId, { jobs: { speechBatch: jobUrl } });
        },
      };
      const transcript = await createSpeechEngine(deps.config()).transcribe(
        { path, contentType: CONTENT_TYPE_OF[type], sourceUrl },
        options,
      );
      // The job is deleted once read: a later re-delivery must start afresh, not poll a job that is gone.
      if (options.jobUrl || transcript.engine === 'azure-batch')
        await updateManifest(blobs, input.encounterId, { jobs: { speechBatch: '' } });
      return await saveTranscript(deps, input.encounterId, transcript, 'speech');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

df.app.activity(ActivityNames.transcribe, { handler: (input: IntakeInput) => transcribe(input) });
