import { z } from 'zod';

/** What was done, in the words of the audit log. */
export const AUDIT_ACTIONS = [
  'encounter.upload',
  'encounter.list',
  'encounter.read',
  'artifact.read',
  'review.decision',
  'fhir.export',
  'encounter.delete',
  'audit.read',
] as const;

/**
 * One access to PHI. Ids and codes only — never transcript, entity or note text, nor the upload's file name — so the
 * audit log itself holds no PHI beyond the encounter id.
 */
export const AuditRecordSchema = z.object({
  id: z.string().uuid(),
  recordedAt: z.string().datetime(),
  actor: z.object({
    id: z.string().min(1).max(200),
    source: z.enum(['easy-auth', 'bearer', 'development', 'function-key', 'unauthenticated']),
    roles: z.array(z.string()),
  }),
  action: z.enum(AUDIT_ACTIONS),
  encounterId: z
    .string()
    .regex(/^enc-[0-9a-f]{8,64}$/)
    .optional(),
  /** Artifact name for `artifact.read` (e.g. `note`, `transcript`), the decision for `review.decision`. */
  detail: z
    .string()
    .regex(/^[\w.-]{1,40}$/)
    .optional(),
  outcome: z.enum(['success', 'denied', 'failed']),
  httpStatus: z.number().int().min(100).max(599),
  /** The client address as the platform reports it (first `X-Forwarded-For` hop, else the socket). */
  clientAddress: z.string().max(64).optional(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
