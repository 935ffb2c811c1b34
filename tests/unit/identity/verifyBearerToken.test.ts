import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClinscribeError } from '../../../src/errors';
import { loadIdentitySettings } from '../../../src/identity/identitySettings';
import { verifyBearerToken } from '../../../src/identity/verifyBearerToken';
import { AUDIENCE, makeKey, type SigningKey, signToken, startJwksServer, TENANT } from './jwksServer';

let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let key: SigningKey;
let other: SigningKey;
const settings = () =>
  loadIdentitySettings({
    AUTH_MODE: 'entra',
    ENTRA_TENANT_ID: TENANT,
    ENTRA_AUDIENCES: AUDIENCE,
    ENTRA_JWKS_URI: jwks.uri,
    ENTRA_GROUP_ROLES: JSON.stringify({ 'group-reviewers': 'reviewer' }),
  });

beforeAll(async () => {
  key = await makeKey('key-1');
  other = await makeKey('key-1'); // same kid, different key: a forged signature
  jwks = await startJwksServer([key]);
});
afterAll(() => jwks.close());

async function rejection(token: string): Promise<ClinscribeError> {
  const error = await verifyBearerToken(token, settings()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClinscribeError);
  return error as ClinscribeError;
}

const now = () => Math.floor(Date.now() / 1000);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('verifyBearerToken', () => {
  it('accepts a valid token and maps claims and group roles to a principal', async () => {
    const token = await signToken(key, { roles: ['Clinscribe.Clinician'], groups: ['group-reviewers', 'g2'] });
    const principal = await verifyBearerToken(token, settings());
    expect(principal).toMatchObject({
      id: 'user-oid-1',
      tenantId: TENANT,
      roles: ['clinician', 'reviewer'],
      groups: ['group-reviewers', 'g2'],
      source: 'bearer',
    });
  });

  it.each([
    ['expired', async () => signToken(key, {}, { exp: now() - 600 }), /expired/],
    ['not yet valid', async () => signToken(key, {}, { nbf: now() + 600 }), /not yet valid/],
    ['wrong audience', async () => signToken(key, { aud: 'api://someone-else' }), /audience/],
    ['wrong issuer', async () => signToken(key, { iss: 'https://evil.example/v2.0' }), /issuer/],
    ['wrong tenant', async () => signToken(key, { tid: '99999999-0000-0000-0000-000000000000' }), /tenant/],
    ['bad signature', async () => signToken(other), /signature/],
    [
      'alg none',
      () =>
        Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ tid: TENANT, aud: AUDIENCE, exp: now() + 60 })}.`),
      /algorithm|malformed/,
    ],
    ['garbage', () => Promise.resolve('not-a-token'), /malformed|validated/],
  ])('refuses a token that is %s (401, reason named)', async (_name, make, reason) => {
    const error = await rejection(await make());
    expect(error.code).toBe('Unauthenticated');
    expect(error.message).toMatch(reason);
  });

  it('tolerates a small clock skew', async () => {
    const token = await signToken(key, {}, { exp: now() - 30 });
    await expect(verifyBearerToken(token, settings())).resolves.toMatchObject({ id: 'user-oid-1' });
  });

  it('a token without roles verifies but carries none (authorization answers 403)', async () => {
    const principal = await verifyBearerToken(await signToken(key, { roles: undefined }), settings());
    expect(principal.roles).toEqual([]);
  });

  it('follows a key rollover: an unknown kid refetches the key set once', async () => {
    const before = jwks.fetches();
    const next = await makeKey('key-2');
    jwks.setKeys([key, next]);
    const principal = await verifyBearerToken(await signToken(next), settings(), { jwksCooldownMs: 0 });
    expect(principal.id).toBe('user-oid-1');
    expect(jwks.fetches()).toBeGreaterThan(before);
    // Cached: a second token with a known kid does not fetch again.
    const after = jwks.fetches();
    await verifyBearerToken(await signToken(next), settings(), { jwksCooldownMs: 0 });
    expect(jwks.fetches()).toBe(after);
  });
});
