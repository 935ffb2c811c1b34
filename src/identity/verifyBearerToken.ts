import { createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';

import { NonRetriableError } from '../errors';
import type { IdentitySettings } from './identitySettings';
import { type Principal, toRoles } from './principal';

/** Clock skew tolerated on `exp`/`nbf`/`iat`. */
export const CLOCK_SKEW_SECONDS = 120;

type KeySet = ReturnType<typeof createRemoteJWKSet>;
const keySets = new Map<string, KeySet>();

/**
 * The tenant's signing keys, fetched once and cached by jose; an unknown `kid` (key rollover) refetches the set at
 * most once per `cooldownMs`.
 */
function keySetFor(uri: string, cooldownMs: number): KeySet {
  const cacheKey = `${uri}#${cooldownMs}`;
  let set = keySets.get(cacheKey);
  if (!set) {
    set = createRemoteJWKSet(new URL(uri), { cooldownDuration: cooldownMs, cacheMaxAge: 24 * 3600_000 });
    keySets.set(cacheKey, set);
  }
  return set;
}

/** v2.0 and v1.0 issuers of each allowed tenant. */
function issuersFor(settings: IdentitySettings): string[] {
  const authority = settings.ENTRA_AUTHORITY.replace(/\/$/, '');
  return settings.ENTRA_ALLOWED_TENANTS.flatMap((tid) => [
    `${authority}/${tid}/v2.0`,
    `https://sts.windows.net/${tid}/`,
  ]);
}

const unauthenticated = (message: string) => new NonRetriableError('Unauthenticated', message);

/**
 * Validates an Entra ID access token: RS256 signature against the tenant's JWKS, issuer, audience, `exp`/`nbf`
 * with a small skew, and the tenant allow-list. Any failure is `Unauthenticated` (401) with a reason that names
 * the failed check, never the token.
 */
export async function verifyBearerToken(
  token: string,
  settings: IdentitySettings,
  options: { jwksCooldownMs?: number } = {},
): Promise<Principal> {
  const tenant = settings.ENTRA_TENANT_ID ?? 'common';
  const jwksUri =
    settings.ENTRA_JWKS_URI ?? `${settings.ENTRA_AUTHORITY.replace(/\/$/, '')}/${tenant}/discovery/v2.0/keys`;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySetFor(jwksUri, options.jwksCooldownMs ?? 30_000), {
      algorithms: ['RS256'],
      issuer: issuersFor(settings),
      audience: settings.ENTRA_AUDIENCES,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'iss', 'aud'],
    }));
  } catch (error) {
    throw unauthenticated(describe(error));
  }
  const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
  if (!tid || !settings.ENTRA_ALLOWED_TENANTS.includes(tid))
    throw unauthenticated('The token is from a tenant not allowed here');
  const id = typeof payload.oid === 'string' ? payload.oid : payload.sub;
  if (!id) throw unauthenticated('The token names no subject');
  const groups = Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === 'string') : [];
  const groupRoles = groups.map((g) => settings.ENTRA_GROUP_ROLES[g]).filter(Boolean);
  return {
    id,
    displayName: stringClaim(payload, 'name') ?? stringClaim(payload, 'preferred_username') ?? id,
    tenantId: tid,
    roles: toRoles([...(Array.isArray(payload.roles) ? payload.roles : []), ...groupRoles]),
    groups,
    source: 'bearer',
  };
}

const stringClaim = (payload: JWTPayload, name: string): string | undefined =>
  typeof payload[name] === 'string' ? payload[name] : undefined;

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not yet valid';
    if (error.claim === 'aud') return 'The token is for another audience';
    if (error.claim === 'iss') return 'The token has an issuer not accepted here';
    return `The token's ${error.claim} claim is not accepted`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is not signed with an accepted algorithm';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token is signed with an unknown key';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSEError) {
    return error instanceof joseErrors.JWKSTimeout ? 'The signing keys could not be fetched' : 'The token is malformed';
  }
  return 'The token could not be validated';
}
