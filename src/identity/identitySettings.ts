import { z } from 'zod';

import { NonRetriableError } from '../errors';
import { RoleSchema } from './principal';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const jsonOf = <T extends z.ZodTypeAny>(schema: T, fallback: z.infer<T>) =>
  z
    .string()
    .optional()
    .transform((v, ctx): z.infer<T> => {
      if (!v) return fallback;
      try {
        const parsed = schema.safeParse(JSON.parse(v));
        if (parsed.success) return parsed.data as z.infer<T>;
        ctx.addIssue({ code: 'custom', message: parsed.error.issues.map((i) => i.message).join('; ') });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      }
      return z.NEVER;
    });

const DevUserSchema = z.object({
  name: z.string().regex(/^[\w.@-]{1,64}$/),
  roles: z.array(RoleSchema).min(1),
  groups: z.array(z.string().min(1).max(64)).default([]),
});
export type DevUser = z.infer<typeof DevUserSchema>;

const IdentitySettingsSchema = z.object({
  /** `keys`: function keys only (today's behaviour); `entra`: Entra ID users; `development`: local named users. */
  AUTH_MODE: z.enum(['keys', 'entra', 'development']).default('keys'),
  ENTRA_TENANT_ID: z.string().optional(),
  /** Accepted `aud` values: the API's client id and/or its application id URI. */
  ENTRA_AUDIENCES: csv,
  /** Tenants whose tokens are accepted (`tid`); defaults to ENTRA_TENANT_ID alone. */
  ENTRA_ALLOWED_TENANTS: csv,
  /** Overrides the JWKS location (tests, sovereign clouds); default from the tenant's v2.0 discovery keys. */
  ENTRA_JWKS_URI: z.string().url().optional(),
  /** Authority host; `https://login.microsoftonline.com` unless a sovereign cloud. */
  ENTRA_AUTHORITY: z.string().url().default('https://login.microsoftonline.com'),
  /** Entra group object id → role, for tenants that assign roles through groups rather than app roles. */
  ENTRA_GROUP_ROLES: jsonOf(z.record(RoleSchema), {}),
  /**
   * Trust `X-MS-CLIENT-PRINCIPAL` only when App Service Authentication is on for this app: the platform then strips
   * the header from client requests and sets it itself. Anywhere else a client can forge it.
   */
  EASY_AUTH_TRUSTED: z.enum(['true', 'false']).default('false'),
  DEV_USERS: jsonOf(z.array(DevUserSchema), []),
});
export type IdentitySettings = z.infer<typeof IdentitySettingsSchema>;

/** Reads the identity settings; a bad value or an incomplete Entra configuration fails with every problem named. */
export function loadIdentitySettings(env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const clean = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = IdentitySettingsSchema.safeParse(clean);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new NonRetriableError('InvalidSettings', `Invalid identity settings: ${problems}`);
  }
  const s = parsed.data;
  if (s.AUTH_MODE === 'entra' && (!s.ENTRA_TENANT_ID || s.ENTRA_AUDIENCES.length === 0)) {
    throw new NonRetriableError('InvalidSettings', 'AUTH_MODE=entra needs ENTRA_TENANT_ID and ENTRA_AUDIENCES');
  }
  if (s.AUTH_MODE === 'development' && env.WEBSITE_INSTANCE_ID) {
    throw new NonRetriableError('InvalidSettings', 'AUTH_MODE=development is refused on an Azure deployment');
  }
  if (s.ENTRA_ALLOWED_TENANTS.length === 0 && s.ENTRA_TENANT_ID) s.ENTRA_ALLOWED_TENANTS = [s.ENTRA_TENANT_ID];
  return s;
}
