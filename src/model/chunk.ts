import { z } from 'zod';

import { SpeakerRoleSchema } from './transcript';

/** A slice of the transcript text sent to the health engine: whole segments only. */
export const TextChunkSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Offset of `text` in the full transcript text (UTF-16 code units). */
  offset: z.number().int().nonnegative(),
  text: z.string(),
  /** Where each segment sits inside `text` (offsets relative to the chunk). */
  segments: z.array(
    z.object({
      id: z.string(),
      offset: z.number().int().nonnegative(),
      length: z.number().int(),
      /** Who speaks the segment: lets the offline engine read the chunk as a conversation (absent in old plans). */
      speaker: z.string().optional(),
      role: SpeakerRoleSchema.optional(),
    }),
  ),
});
export type TextChunk = z.infer<typeof TextChunkSchema>;
