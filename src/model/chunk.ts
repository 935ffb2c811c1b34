import { z } from 'zod';

/** A slice of the transcript text sent to the health engine: whole segments only. */
export const TextChunkSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Offset of `text` in the full transcript text (UTF-16 code units). */
  offset: z.number().int().nonnegative(),
  text: z.string(),
  /** Where each segment sits inside `text` (offsets relative to the chunk). */
  segments: z.array(z.object({ id: z.string(), offset: z.number().int().nonnegative(), length: z.number().int() })),
});
export type TextChunk = z.infer<typeof TextChunkSchema>;
