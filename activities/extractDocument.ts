import * as df from 'durable-functions';

import { extractDocument as toTranscript, isDocumentType } from '../src/engines/documents';
import { NonRetriableError } from '../src/errors';
import { ActivityNames } from '../src/model/names';
import type { IntakeInput, StepResult } from '../src/model/pipeline';
import { TranscriptSchema } from '../src/model/transcript';
import { artifactRef } from '../src/store/artifacts';
import { readBuffer, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { runStep } from './lib/runStep';

/** txt / vtt / pdf upload → transcript.json. */
export async function extractDocument(input: IntakeInput, deps: StepDeps = defaultDeps): Promise<StepResult> {
  return runStep('extractDocument', input.encounterId, deps, async () => {
    const type = input.source.type;
    if (!isDocumentType(type)) throw new NonRetriableError('UnsupportedType', `Not a document type: ${type}`);
    const data = await readBuffer(deps.blobs(), input.source);
    const transcript = TranscriptSchema.parse(await toTranscript(data, type, { locale: input.locale }));
    const ref = await writeJson(deps.blobs(), artifactRef(input.encounterId, 'transcript'), transcript);
    return {
      ref,
      stats: {
        segments: transcript.segments.length,
        speakers: transcript.speakers.length,
        duration: transcript.duration,
      },
      patch: { results: { transcript: ref }, engines: { transcript: transcript.engine } },
    };
  });
}

df.app.activity(ActivityNames.extractDocument, { handler: (input: IntakeInput) => extractDocument(input) });
