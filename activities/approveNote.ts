import type { Bundle } from '@medplum/fhirtypes';
import * as df from 'durable-functions';

import { approveBundle } from '../src/engines/fhir/approval';
import { validateBundle } from '../src/engines/fhir/validate';
import { NonRetriableError } from '../src/errors';
import { ActivityNames } from '../src/model/names';
import { NoteSchema } from '../src/model/note';
import type { ApproveNoteInput, StepResult } from '../src/model/pipeline';
import { artifactRef } from '../src/store/artifacts';
import { readBuffer, readJson, writeJson } from '../src/store/blobIo';
import { defaultDeps, type StepDeps } from './lib/deps';
import { runStep } from './lib/runStep';

/** Who signs when the API caller gave no name (a script holding the function key). */
export const UNNAMED_REVIEWER = 'Unnamed reviewer (function key)';

/**
 * A clinician approved the note: the FHIR Composition becomes `final` with the reviewer as legal attester, the
 * approved note text and a Provenance of the approval (validated like every bundle). Idempotent on retry.
 */
export async function approveNote(
  input: ApproveNoteInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ resources: number }>> {
  return runStep('review', input.encounterId, deps, async () => {
    const blobs = deps.blobs();
    const id = input.encounterId;
    const [note, bundle] = await Promise.all([
      readJson(blobs, artifactRef(id, 'note'), NoteSchema),
      readBuffer(blobs, artifactRef(id, 'fhir')).then((data) => JSON.parse(data.toString('utf8')) as Bundle),
    ]);
    const approved = approveBundle(bundle, note, {
      encounterId: id,
      reviewer: input.review.reviewer?.trim() || UNNAMED_REVIEWER,
      at: input.review.reviewedAt ?? input.at,
      comment: input.review.comment?.trim() || undefined,
    });
    const validation = validateBundle(approved);
    if (!validation.valid)
      throw new NonRetriableError(
        'InvalidFhirBundle',
        `The approved FHIR bundle fails validation (${validation.issues.length} issue(s))`,
      );
    const ref = await writeJson(blobs, artifactRef(id, 'fhir'), approved);
    return { ref, stats: { resources: approved.entry?.length ?? 0 }, patch: { results: { fhir: ref } } };
  });
}

df.app.activity(ActivityNames.approveNote, { handler: (input: ApproveNoteInput) => approveNote(input) });
