import { z } from 'zod';

import { SpeakerRoleSchema } from './transcript';

/**
 * What a clause does in the conversation. `history-recap` is the clinician restating the history ("you've had…"),
 * `exam-dictation` the clinician dictating examination findings, `result-report` a test result being read out,
 * `explanation` education about the condition or generic risk, `safety-net` "if X happens, come back".
 */
export const DialogueActSchema = z.enum([
  'question',
  'answer',
  'history-recap',
  'exam-dictation',
  'result-report',
  'explanation',
  'plan',
  'safety-net',
  'small-talk',
  'statement',
]);
export type DialogueAct = z.infer<typeof DialogueActSchema>;

/** How an answer answers a yes/no question: `other` when it is neither a clear yes nor a clear no. */
export const PolaritySchema = z.enum(['yes', 'no', 'other']);
export type Polarity = z.infer<typeof PolaritySchema>;

/** One clause of one segment; `offset`/`length` are UTF-16 code units into that segment's `text`. */
export const DialogueClauseSchema = z.object({
  /** Stable id `<segmentId>.c<n>` (n from 1 within the segment). */
  id: z.string().min(1),
  segmentId: z.string().min(1),
  role: SpeakerRoleSchema,
  text: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  act: DialogueActSchema,
  /** For answers: the question clause answered. */
  answersClauseId: z.string().optional(),
  /** For answers: yes, no or other. */
  polarity: PolaritySchema.optional(),
});
export type DialogueClause = z.infer<typeof DialogueClauseSchema>;
