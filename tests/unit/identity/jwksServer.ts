import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

/** A fresh RS256 key pair with its public JWK. */
export async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** A local JWKS endpoint (as Entra's discovery keys) whose key set a test can swap, counting fetches. */
export async function startJwksServer(keys: SigningKey[]) {
  let current = keys;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: current.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/tenant/discovery/v2.0/keys`,
    setKeys: (next: SigningKey[]) => {
      current = next;
    },
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const AUDIENCE = 'api://clinscribe-test';
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

/** Signs an Entra-shaped access token; `claims` override the defaults. */
export async function signToken(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  times: { exp?: number; nbf?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: TENANT, oid: 'user-oid-1', name: 'Dr Test', roles: ['clinician'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer((claims.iss as string | undefined) ?? ISSUER)
    .setAudience((claims.aud as string | undefined) ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setNotBefore(times.nbf ?? now - 60)
    .setExpirationTime(times.exp ?? now + 3600)
    .sign(key.privateKey);
}
