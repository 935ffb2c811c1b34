import { z } from 'zod';

import type { ActivityFailure } from '../errors';
import type { JobTicket } from './jobs';
import type { Stage } from './manifest';
import { NoteTemplateSchema } from './note';
import type { BlobRef } from './refs';

/** Options of one encounter, validated at the edge (HTTP API, upload metadata, CLI). */
export const EncounterOptionsSchema = z.object({
  template: NoteTemplateSchema.default('soap'),
  review: z.boolean().default(false),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a BCP-47 language tag such as en-US')
    .default('en-US'),
  maxSpeakers: z.number().int().min(1).max(10).optional(),
  /** Review wait before the encounter ends `ReviewExpired`; the REVIEW_TIMEOUT_HOURS setting when absent. */
  reviewTimeoutHours: z
    .number()
    .positive()
    .max(24 * 90)
    .optional(),
});
export type EncounterOptions = z.infer<typeof EncounterOptionsSchema>;

/** Input of the `encounterPipeline` orchestration: references and options only (claim-check). */
export interface PipelineInput {
  encounterId: string;
  source: BlobRef & { type: string };
  options: EncounterOptions & { reviewTimeoutHours: number; chunkGraphemes: number };
  /** A FHIR server is configured: export after (approved) review. */
  exportFhir: boolean;
}

export interface StepInput {
  encounterId: string;
}
export interface IntakeInput extends StepInput {
  source: BlobRef & { type: string };
  locale: string;
  maxSpeakers?: number;
}
export interface PlanChunksInput extends StepInput {
  maxGraphemes: number;
}
export interface AnalyzeHealthInput extends StepInput {
  index: number;
}
export interface MergeHealthInput extends StepInput {
  count: number;
  /** Earliest start of the fan-out (ISO), so the stage timing covers every chunk. */
  startedAt: string;
}
/** A status check of a job that `transcribe` submitted (same input, plus the job). */
export interface PollTranscriptionInput extends IntakeInput {
  job: JobTicket;
}
/** A status check of the Text Analytics jobs that `analyzeHealth` submitted for one chunk. */
export interface PollHealthInput extends AnalyzeHealthInput {
  job: JobTicket;
}
export interface WriteNoteInput extends StepInput {
  template: EncounterOptions['template'];
}
export interface RecordStatusInput extends StepInput {
  status: 'Running' | 'AwaitingReview';
}
export interface FinalizeInput extends StepInput {
  outcome: 'Completed' | 'ReviewExpired';
  review?: ReviewDecision;
}
export interface ApproveNoteInput extends StepInput {
  review: ReviewDecision;
  /** The orchestration's time when the approval arrived; used when the decision carries no `reviewedAt`. */
  at: string;
}
export interface RecordFailureInput extends StepInput {
  stage: Stage;
  code: string;
  message: string;
}

/**
 * What every activity returns: a reference and small stats, or an expected failure (DESIGN.md §4); `job` when
 * the step submitted a long service job that the orchestrator must poll before the step is done.
 */
export type StepResult<S = Record<string, number | string>> =
  { ok: true; ref?: BlobRef; stats: S; job?: JobTicket } | ActivityFailure;

/** The payload of the `review` event, raised by `POST /api/encounters/{id}/review`. */
export const ReviewDecisionSchema = z.object({
  action: z.enum(['approve', 'request-changes']),
  reviewer: z.string().max(200).optional(),
  comment: z.string().max(4000).optional(),
  /** When the API received the decision (ISO), set by the API, not the caller. */
  reviewedAt: z.string().datetime().optional(),
  /** Set by the API when the request carried an edited note (already saved as note.json). */
  noteEdited: z.boolean().default(false),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** Custom status, set before each stage. */
export type PipelineStage = Stage | 'awaiting-review' | 'completed' | 'review-expired' | 'failed';
export interface PipelineStatus {
  stage: PipelineStage;
  progress: number;
  detail: string;
}

export interface PipelineOutput {
  encounterId: string;
  status: 'Completed' | 'ReviewExpired';
  review?: ReviewDecision;
}

/** `date` + `hours` (pure; orchestrators may not construct dates from the clock). */
export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3_600_000);
}
