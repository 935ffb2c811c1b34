import { z } from 'zod';

import type { IdentitySettings } from './identitySettings';
import { type Principal, toRoles } from './principal';

/** The header App Service Authentication sets (base64 JSON) after it has signed the user in. */
export const CLIENT_PRINCIPAL_HEADER = 'x-ms-client-principal';

const ClientPrincipalSchema = z.object({
  auth_typ: z.string(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const TID = 'http://schemas.microsoft.com/identity/claims/tenantid';
const ROLE_CLAIMS = new Set(['roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role']);

/**
 * The Easy Auth principal, or undefined when the header is absent, malformed or not trusted. It is trusted only when
 * the deployment says the platform sets it (`EASY_AUTH_TRUSTED=true`); otherwise any client could forge it.
 */
export function fromClientPrincipalHeader(
  header: string | null | undefined,
  settings: IdentitySettings,
): Principal | undefined {
  if (!header || settings.EASY_AUTH_TRUSTED !== 'true') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = ClientPrincipalSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { claims, name_typ: nameType, role_typ: roleType } = parsed.data;
  const values = (typ: string) => claims.filter((c) => c.typ === typ).map((c) => c.val);
  const id = values(OID)[0] ?? values('oid')[0] ?? values('sub')[0];
  if (!id) return undefined;
  const tenantId = values(TID)[0] ?? values('tid')[0];
  if (settings.ENTRA_ALLOWED_TENANTS.length > 0 && (!tenantId || !settings.ENTRA_ALLOWED_TENANTS.includes(tenantId))) {
    return undefined;
  }
  const groups = values('groups');
  const roleValues = claims.filter((c) => ROLE_CLAIMS.has(c.typ) || c.typ === roleType).map((c) => c.val);
  return {
    id,
    displayName: values(nameType ?? 'name')[0] ?? values('name')[0] ?? id,
    tenantId,
    roles: toRoles([...roleValues, ...groups.map((g) => settings.ENTRA_GROUP_ROLES[g])]),
    groups,
    source: 'easy-auth',
  };
}
