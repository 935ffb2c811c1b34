import { randomBytes } from 'node:crypto';

import { jwtVerify, SignJWT } from 'jose';

import { NonRetriableError } from '../errors';
import type { DevUser, IdentitySettings } from './identitySettings';
import type { Principal } from './principal';

/** Marks a development token apart from an Entra one (its issuer). */
export const DEV_ISSUER = 'clinscribe-development-sign-in';
const LIFETIME_SECONDS = 8 * 3600;

// A per-process secret unless DEV_SIGNIN_SECRET is set: development tokens end with the host process.
let secret: Uint8Array | undefined;
const signingSecret = (env: NodeJS.ProcessEnv): Uint8Array =>
  env.DEV_SIGNIN_SECRET ? new TextEncoder().encode(env.DEV_SIGNIN_SECRET) : (secret ??= randomBytes(32));

const toPrincipal = (user: DevUser): Principal => ({
  id: `dev:${user.name}`,
  displayName: `${user.name} (development)`,
  roles: [...user.roles].sort(),
  groups: user.groups,
  source: 'development',
});

/** Signs in a configured development user (DEV_USERS) by name; refused outside AUTH_MODE=development. */
export async function signInDevelopmentUser(
  name: string,
  settings: IdentitySettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ token: string; principal: Principal; expiresIn: number }> {
  if (settings.AUTH_MODE !== 'development') {
    throw new NonRetriableError('NotFound', 'Development sign-in is off (AUTH_MODE is not development)');
  }
  const user = settings.DEV_USERS.find((u) => u.name === name);
  if (!user) throw new NonRetriableError('Unauthenticated', 'No development user of that name (see DEV_USERS)');
  const token = await new SignJWT({ name: user.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(DEV_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(signingSecret(env));
  return { token, principal: toPrincipal(user), expiresIn: LIFETIME_SECONDS };
}

/** The development user a token names, if it is a valid development token and the user is still configured. */
export async function verifyDevelopmentToken(
  token: string,
  settings: IdentitySettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, signingSecret(env), { issuer: DEV_ISSUER, algorithms: ['HS256'] });
    const user = settings.DEV_USERS.find((u) => u.name === payload.name);
    if (user) return toPrincipal(user);
  } catch {
    // fall through: one answer for every failure
  }
  throw new NonRetriableError('Unauthenticated', 'The development sign-in has expired or is not valid; sign in again');
}
