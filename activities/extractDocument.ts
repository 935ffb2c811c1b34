import * as df from 'durable-functions';

import { extractDocument as toTranscript, isDocumentType } from '../src/engines/documents';
import { NonRetriableError } from '../src/errors';
import { ENCOUNTER_LIMITS } from '../src/model/limits';
import { ActivityNames } from '../src/model/names';
import type { IntakeInput, StepResult } from '../src/model/pipeline';
import { IntakeInputSchema } from '../src/model/stepInputs';
import { readBuffer } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';
import { saveTranscript } from './lib/saveTranscript';

/** txt / vtt / pdf upload → transcript.json. */
export async function extractDocument(input: IntakeInput, deps: StepDeps = defaultDeps): Promise<StepResult> {
  const invalid = invalidInput(ActivityNames.extractDocument, IntakeInputSchema, input);
  if (invalid) return invalid;
  return runStep('extractDocument', input.encounterId, deps, async () => {
    const type = input.source.type;
    if (!isDocumentType(type)) throw new NonRetriableError('UnsupportedType', `Not a document type: ${type}`);
    const data = await readBuffer(deps.blobs(), input.source);
    if (type !== 'pdf' && data.length > ENCOUNTER_LIMITS.maxTextDocumentBytes)
      throw new NonRetriableError(
        'TooLarge',
        `A ${type} document may have at most ${ENCOUNTER_LIMITS.maxTextDocumentBytes} bytes`,
      );
    const transcript = await toTranscript(data, type, { locale: input.locale });
    return saveTranscript(deps, input.encounterId, transcript, 'transcript');
  });
}

df.app.activity(ActivityNames.extractDocument, { handler: (input: IntakeInput) => extractDocument(input) });
