import { z } from 'zod';

import { StageSchema } from './manifest';
import { Containers } from './names';
import { NoteTemplateSchema } from './note';
import { EncounterOptionsSchema, ReviewDecisionSchema } from './pipeline';

/**
 * Schemas of the orchestration's and activities' inputs. Orchestrations can be started by anyone holding a
 * management key, so every orchestrator and activity checks its input with these before any I/O (DESIGN.md §4).
 */

/** Encounter ids are `enc-` + hex (see `encounterId`): anything else never reaches storage. */
export const ENCOUNTER_ID_PATTERN = /^enc-[0-9a-f]{8,64}$/;
export const EncounterIdSchema = z.string().regex(ENCOUNTER_ID_PATTERN, 'must be enc- followed by hex digits');

/** A blob name that stays where it is put: no absolute name, no `.`/`..` segment, no backslash, no empty segment. */
export const SafeBlobNameSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((name) => !name.startsWith('/') && !name.includes('\\'), 'must be a relative name without backslashes')
  .refine((name) => name.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'must not contain . or ..');

/** The upload an encounter reads: a blob of the `uploads` container, with its sniffed type (a short token). */
export const SourceRefSchema = z.object({
  container: z.literal(Containers.uploads),
  name: SafeBlobNameSchema,
  etag: z.string().max(256).optional(),
  type: z.string().regex(/^[a-z0-9]{1,12}$/, 'must be a short file-type token'),
});

const LocaleSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a BCP-47 tag');

/** Input of `encounterPipeline` (unknown keys pass through: fields added later are not silently dropped). */
export const PipelineInputSchema = z
  .object({
    encounterId: EncounterIdSchema,
    source: SourceRefSchema,
    options: EncounterOptionsSchema.extend({
      locale: LocaleSchema,
      reviewTimeoutHours: z
        .number()
        .positive()
        .max(24 * 90),
      chunkGraphemes: z.number().int().min(1).max(125_000),
    }).passthrough(),
    exportFhir: z.boolean(),
  })
  .passthrough();

export const StepInputSchema = z.object({ encounterId: EncounterIdSchema });
export const IntakeInputSchema = StepInputSchema.extend({
  source: SourceRefSchema,
  locale: LocaleSchema,
  maxSpeakers: z.number().int().min(1).max(10).optional(),
});
export const PlanChunksInputSchema = StepInputSchema.extend({
  maxGraphemes: z.number().int().min(1).max(125_000),
});
export const AnalyzeHealthInputSchema = StepInputSchema.extend({ index: z.number().int().min(0).max(100_000) });
export const MergeHealthInputSchema = StepInputSchema.extend({
  count: z.number().int().min(1).max(100_000),
  startedAt: z.string().datetime(),
});
export const WriteNoteInputSchema = StepInputSchema.extend({ template: NoteTemplateSchema });
export const RecordStatusInputSchema = StepInputSchema.extend({ status: z.enum(['Running', 'AwaitingReview']) });
export const FinalizeInputSchema = StepInputSchema.extend({
  outcome: z.enum(['Completed', 'ReviewExpired']),
  review: ReviewDecisionSchema.optional(),
});
export const RecordFailureInputSchema = StepInputSchema.extend({
  stage: StageSchema,
  code: z.string().min(1).max(100),
  message: z.string().max(100_000),
});

/** The first problem of a failed parse, as `path: message` (names fields, never echoes values). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  return `${issue.path.join('.') || 'input'}: ${issue.message}`;
}
