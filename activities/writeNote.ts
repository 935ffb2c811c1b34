import * as df from 'durable-functions';

import { createNoteEngine } from '../src/engines/note';
import { verifyNote } from '../src/engines/note/verify';
import { renderNoteMarkdown } from '../src/engines/report';
import { HealthAnalysisSchema } from '../src/model/health';
import { ActivityNames } from '../src/model/names';
import { countFlags, NoteSchema } from '../src/model/note';
import type { StepResult, WriteNoteInput } from '../src/model/pipeline';
import { WriteNoteInputSchema } from '../src/model/stepInputs';
import { TranscriptSchema } from '../src/model/transcript';
import { artifactRef } from '../src/store/artifacts';
import { readJson, writeBlob, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** transcript.json + health.json → grounded, faithfulness-checked note (note.json) and its Markdown (note.md). */
export async function writeNote(
  input: WriteNoteInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ sentences: number; dropped: number; flagged: number }>> {
  const invalid = invalidInput(ActivityNames.writeNote, WriteNoteInputSchema, input);
  if (invalid) return invalid;
  return runStep('writeNote', input.encounterId, deps, async () => {
    const blobs = deps.blobs();
    const [transcript, health] = await Promise.all([
      readJson(blobs, artifactRef(input.encounterId, 'transcript'), TranscriptSchema),
      readJson(blobs, artifactRef(input.encounterId, 'health'), HealthAnalysisSchema),
    ]);
    // Every engine's note goes through the same faithfulness check: failing sentences are flagged, never dropped.
    const written = await createNoteEngine(deps.config()).write(transcript, health, { template: input.template });
    const note = NoteSchema.parse(verifyNote(written, transcript, health));
    const ref = await writeJson(blobs, artifactRef(input.encounterId, 'note'), note);
    const markdown = await writeBlob(
      blobs,
      artifactRef(input.encounterId, 'noteMarkdown'),
      renderNoteMarkdown(note, transcript),
    );
    const { sentences, flaggedSentences, flags } = countFlags(note);
    return {
      ref,
      stats: { sentences, dropped: note.dropped, flagged: flaggedSentences },
      patch: {
        results: { note: ref, noteMarkdown: markdown },
        engines: { note: note.engine },
        counts: { noteSentences: sentences, noteFlaggedSentences: flaggedSentences, noteFlags: flags },
      },
    };
  });
}

df.app.activity(ActivityNames.writeNote, { handler: (input: WriteNoteInput) => writeNote(input) });
