import { z } from 'zod';

export const SpeakerRoleSchema = z.enum(['clinician', 'patient', 'other']);
export type SpeakerRole = z.infer<typeof SpeakerRoleSchema>;

/** One recognised word with times in seconds and a confidence 0..1. */
export const WordSchema = z.object({
  w: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  conf: z.number().min(0).max(1),
});
export type Word = z.infer<typeof WordSchema>;

/**
 * A run of low-confidence words where a clinical word is likely — right after a medication verb ("take", "start",
 * "prescribe"…) or next to a dose ("… five hundred milligrams") — so a garbled drug or condition name is shown, not
 * silently lost. Indices point into the segment's `words` (both inclusive).
 */
export const UncertainSpanSchema = z.object({
  first: z.number().int().nonnegative(),
  last: z.number().int().nonnegative(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  /** Lowest word confidence in the span. */
  conf: z.number().min(0).max(1),
  reason: z.enum(['after-medication-verb', 'next-to-dose']),
});
export type UncertainSpan = z.infer<typeof UncertainSpanSchema>;

/** One speaker turn (or part of one). Ids are stable strings such as `s1`, `s2`… */
export const SegmentSchema = z.object({
  id: z.string().min(1),
  speaker: z.string().min(1),
  role: SpeakerRoleSchema,
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  words: z.array(WordSchema),
  /** Low-confidence spans in clinically relevant positions (offline engine; absent when there are none). */
  uncertain: z.array(UncertainSpanSchema).optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const SpeakerSchema = z.object({
  id: z.string().min(1),
  role: SpeakerRoleSchema,
  /** How sure the role assignment is, 0..1. */
  roleConfidence: z.number().min(0).max(1).optional(),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

export const TranscriptSchema = z.object({
  /** Seconds of audio (0 for documents without timing). */
  duration: z.number().nonnegative(),
  locale: z.string().min(2),
  /** Engine that produced it: `local`, `azure-fast`, `azure-batch`, `document-txt`… */
  engine: z.string().min(1),
  speakers: z.array(SpeakerSchema),
  segments: z.array(SegmentSchema),
});
export type Transcript = z.infer<typeof TranscriptSchema>;
