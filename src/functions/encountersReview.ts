import './lib/enableHttpStream';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';

import { NonRetriableError } from '../errors';
import { authorize } from '../identity/authorize';
import { routeAuthLevel } from '../identity/resolveCaller';
import { EventNames } from '../model/names';
import { NoteSchema } from '../model/note';
import { type PipelineStatus, ReviewDecisionSchema } from '../model/pipeline';
import { TranscriptSchema } from '../model/transcript';
import { artifactRef, isEncounterId } from '../store/artifacts';
import { readJson, writeJson } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { checkEditedNote } from './lib/checkEditedNote';
import { findInstance } from './lib/findInstance';
import { type AccessSpec, guardedAccess } from './lib/guardedAccess';
import { json, problem } from './lib/httpResponses';
import { readJsonBody } from './lib/readJsonBody';

const ReviewRequestSchema = ReviewDecisionSchema.omit({ noteEdited: true, reviewedAt: true }).extend({
  note: z.unknown().optional(),
});

/**
 * `POST /api/encounters/{id}/review` `{action: "approve" | "request-changes", note?, reviewer?, comment?}`: saves an
 * edited note (grounding checked) and raises the `review` event. Only an encounter awaiting review accepts it.
 */
export async function reviewEncounter(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const spec = {
    route: 'encounters.review',
    permission: 'review.requestChanges',
    audit: 'review.decision',
    encounterId: id,
  } as AccessSpec;
  return guardedAccess(request, spec, async (principal) => {
    if (!isEncounterId(id)) return problem(404, 'NotFound', 'No such encounter');
    const parsed = ReviewRequestSchema.safeParse(await readJsonBody(request));
    if (!parsed.success)
      throw new NonRetriableError(
        'InvalidRequest',
        'Expected JSON {"action": "approve" | "request-changes", "note"?: {...}}',
      );
    spec.detail = parsed.data.action;
    // Approving (and so signing) needs the reviewer role; any clinician with access may send a note back.
    if (parsed.data.action === 'approve') authorize(principal, 'review.approve');
    const client = df.getClient(context);
    const instance = await findInstance(client, id);
    if (!instance) return problem(404, 'NotFound', 'No such encounter');
    const status = instance.customStatus as PipelineStatus | undefined;
    if (instance.runtimeStatus !== df.OrchestrationRuntimeStatus.Running || status?.stage !== 'awaiting-review') {
      return problem(409, 'Conflict', `The encounter is not awaiting review (status ${instance.runtimeStatus})`);
    }
    const { note, ...decision } = parsed.data;
    const blobs = getBlobServiceClient();
    if (note !== undefined) {
      const [transcript, current] = await Promise.all([
        readJson(blobs, artifactRef(id, 'transcript'), TranscriptSchema),
        readJson(blobs, artifactRef(id, 'note'), NoteSchema),
      ]);
      await writeJson(blobs, artifactRef(id, 'note'), checkEditedNote(note, transcript, current.template));
    }
    // A signed-in reviewer is who they are; only a key holder (a script) names the reviewer in the body.
    const reviewer = principal.source === 'function-key' ? decision.reviewer : principal.displayName;
    const event = ReviewDecisionSchema.parse({
      ...decision,
      reviewer,
      noteEdited: note !== undefined,
      reviewedAt: new Date().toISOString(),
    });
    await client.raiseEvent(id, EventNames.review, event);
    return json(202, { encounterId: id, ...event });
  });
}

app.http('encountersReview', {
  methods: ['POST'],
  route: 'encounters/{id}/review',
  authLevel: routeAuthLevel(),
  extraInputs: [df.input.durableClient()],
  handler: reviewEncounter,
});
