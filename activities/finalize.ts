import type { Bundle } from '@medplum/fhirtypes';
import * as df from 'durable-functions';

import { renderNoteMarkdown, renderReportHtml } from '../src/engines/report';
import { HealthAnalysisSchema } from '../src/model/health';
import { ManifestSchema } from '../src/model/manifest';
import { ActivityNames } from '../src/model/names';
import { NoteSchema } from '../src/model/note';
import type { FinalizeInput, StepResult } from '../src/model/pipeline';
import { FinalizeInputSchema } from '../src/model/stepInputs';
import { TranscriptSchema } from '../src/model/transcript';
import { artifactRef } from '../src/store/artifacts';
import { deletePrefix, readBuffer, readJson, writeBlob } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/**
 * report.html and note.md from the stored artifacts (note.json may carry a reviewer's edits), then the manifest's
 * final status; the work blobs (chunk plan, partials) are removed.
 */
export async function finalize(
  input: FinalizeInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ reportBytes: number }>> {
  const invalid = invalidInput(ActivityNames.finalize, FinalizeInputSchema, input);
  if (invalid) return invalid;
  return runStep('finalize', input.encounterId, deps, async () => {
    const blobs = deps.blobs();
    const id = input.encounterId;
    const [manifest, transcript, health, note, bundle] = await Promise.all([
      readJson(blobs, artifactRef(id, 'manifest'), ManifestSchema),
      readJson(blobs, artifactRef(id, 'transcript'), TranscriptSchema),
      readJson(blobs, artifactRef(id, 'health'), HealthAnalysisSchema),
      readJson(blobs, artifactRef(id, 'note'), NoteSchema),
      readBuffer(blobs, artifactRef(id, 'fhir')).then((data) => JSON.parse(data.toString('utf8')) as Bundle),
    ]);
    // The report shows the outcome this step records, not the manifest's in-flight status.
    const html = renderReportHtml({
      manifest: { ...manifest, status: input.outcome },
      transcript,
      health,
      note,
      bundle,
      review: input.review,
    });
    const report = await writeBlob(blobs, artifactRef(id, 'report'), html);
    const markdown = await writeBlob(blobs, artifactRef(id, 'noteMarkdown'), renderNoteMarkdown(note, transcript));
    await deletePrefix(blobs, artifactRef(id, 'manifest').container, `${id}/work/`);
    return {
      ref: report,
      stats: { reportBytes: Buffer.byteLength(html) },
      patch: {
        status: input.outcome,
        results: { report, noteMarkdown: markdown },
        ...(input.review ? { options: { reviewDecision: input.review } } : {}),
      },
    };
  });
}

df.app.activity(ActivityNames.finalize, { handler: (input: FinalizeInput) => finalize(input) });
