import { z } from 'zod';

/** The three roles of DESIGN.md §7. Entra app-role values and development users use these exact strings. */
export const ROLES = ['clinician', 'reviewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** How the caller proved who they are. */
export type PrincipalSource = 'easy-auth' | 'bearer' | 'development' | 'function-key';

/** A signed-in caller: an id (never a name) is what audit records and encounter tags keep. */
export interface Principal {
  /** Stable id: Entra `oid` (or `sub`), the development user's name, or `key:<name>` for a function key. */
  id: string;
  /** Shown in the page and written as the reviewer/attester; not logged. */
  displayName: string;
  tenantId?: string;
  roles: Role[];
  /** Group ids the caller belongs to; an encounter is scoped to its uploader's first group. */
  groups: string[];
  source: PrincipalSource;
}

/** Keeps only the values that name a known role (case-insensitive; `Clinscribe.Admin` style prefixes allowed). */
export function toRoles(values: readonly unknown[]): Role[] {
  const roles = new Set<Role>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const name = value.toLowerCase().split('.').pop() ?? '';
    const parsed = RoleSchema.safeParse(name);
    if (parsed.success) roles.add(parsed.data);
  }
  return [...roles].sort();
}
