import { z } from 'zod';

/** A pointer to a blob: what activities pass instead of payloads (claim-check). */
export const BlobRefSchema = z.object({
  container: z.string().min(3).max(63),
  name: z.string().min(1).max(1024),
  etag: z.string().optional(),
});
export type BlobRef = z.infer<typeof BlobRefSchema>;
