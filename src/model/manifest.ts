import { z } from 'zod';

import { BlobRefSchema } from './refs';

export const STAGES = [
  'intake',
  'transcribe',
  'extractDocument',
  'planChunks',
  'analyzeHealth',
  'buildFhir',
  'writeNote',
  'review',
  'exportFhir',
  'finalize',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const ManifestStatusSchema = z.enum([
  'Pending',
  'Running',
  'AwaitingReview',
  'Completed',
  'Failed',
  'ReviewExpired',
]);

export const StageTimingSchema = z.object({
  stage: StageSchema,
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number().nonnegative(),
  attempt: z.number().int().positive().default(1),
});

export const ManifestSchema = z.object({
  encounterId: z.string().min(1),
  status: ManifestStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  input: BlobRefSchema.extend({
    sha256: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    /** Sniffed type: wav, mp3, m4a, ogg, flac, webm, txt, vtt, pdf. */
    type: z.string().optional(),
  }),
  options: z.record(z.unknown()).default({}),
  engines: z.record(z.string()).default({}),
  timings: z.array(StageTimingSchema).default([]),
  results: z.record(BlobRefSchema).default({}),
  /** Long-running service jobs (e.g. `speechBatch` → its URL), so a restarted activity resumes polling. */
  jobs: z.record(z.string()).default({}),
  /** Counts a step reports for review, e.g. `noteSentences`, `noteFlaggedSentences`, `noteFlags`. */
  counts: z.record(z.number().int().nonnegative()).default({}),
  /** Who uploaded it (a principal id, never a name) and the group it is shared with; absent for drop-in uploads. */
  owner: z.object({ id: z.string().min(1).max(200), group: z.string().min(1).max(64).optional() }).optional(),
  error: z.object({ stage: StageSchema, code: z.string(), message: z.string() }).optional(),
  /** Length of the recording in seconds (documents: 0), once transcribed. */
  duration: z.number().nonnegative().optional(),
  /** Progress inside a long stage (e.g. seconds of audio transcribed), for the web page; absent when not known. */
  progress: z
    .object({ stage: StageSchema, done: z.number().nonnegative(), total: z.number().nonnegative(), unit: z.string() })
    .optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;
