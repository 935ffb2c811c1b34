import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as df from 'durable-functions';

import { CONTENT_TYPE_OF, isAudioType } from '../src/engines/documents/sniffType';
import { createSpeechEngine } from '../src/engines/speech';
import { NonRetriableError } from '../src/errors';
import { ActivityNames } from '../src/model/names';
import type { IntakeInput, StepResult } from '../src/model/pipeline';
import { downloadToFile } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { runStep } from './lib/runStep';
import { saveTranscript } from './lib/saveTranscript';

/** Audio upload → diarized transcript.json. The audio is streamed to a temporary file, never held in memory. */
export async function transcribe(input: IntakeInput, deps: StepDeps = defaultDeps): Promise<StepResult> {
  return runStep('transcribe', input.encounterId, deps, async () => {
    const type = input.source.type;
    if (!isAudioType(type)) throw new NonRetriableError('UnsupportedType', `Not an audio type: ${type}`);
    const dir = await mkdtemp(join(tmpdir(), 'clinscribe-'));
    try {
      const path = join(dir, `input.${type}`);
      await downloadToFile(deps.blobs(), input.source, path);
      const transcript = await createSpeechEngine(deps.config()).transcribe(
        { path, contentType: CONTENT_TYPE_OF[type] },
        { locale: input.locale, maxSpeakers: input.maxSpeakers },
      );
      return await saveTranscript(deps, input.encounterId, transcript, 'speech');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

df.app.activity(ActivityNames.transcribe, { handler: (input: IntakeInput) => transcribe(input) });
