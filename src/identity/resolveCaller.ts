import type { HttpRequest } from '@azure/functions';

import { NonRetriableError } from '../errors';
import { CLIENT_PRINCIPAL_HEADER, fromClientPrincipalHeader } from './clientPrincipalHeader';
import { verifyDevelopmentToken } from './developmentSignIn';
import type { IdentitySettings } from './identitySettings';
import { type Principal, ROLES } from './principal';
import { verifyBearerToken } from './verifyBearerToken';

/**
 * Whoever a function key admits: the host has checked the key before the app runs (authLevel `function`), so the
 * app knows only that some key holder called — a script or the CLI, with every role.
 */
export const FUNCTION_KEY_PRINCIPAL: Principal = {
  id: 'key:function',
  displayName: 'Function key holder',
  roles: [...ROLES],
  groups: [],
  source: 'function-key',
};

const bearerOf = (request: HttpRequest): string | undefined => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
};

/**
 * Who is calling, by the deployment's AUTH_MODE:
 * - `keys`: the function key holder (the host enforced the key).
 * - `development`: a development user's token when one is sent, else the function key holder (keys still work for
 *   scripts and the CLI; the host enforces them on every route).
 * - `entra`: an Entra bearer token validated in code, or the Easy Auth principal where trusted; nothing else.
 */
export async function resolveCaller(request: HttpRequest, settings: IdentitySettings): Promise<Principal> {
  const bearer = bearerOf(request);
  switch (settings.AUTH_MODE) {
    case 'keys':
      return FUNCTION_KEY_PRINCIPAL;
    case 'development':
      return bearer ? verifyDevelopmentToken(bearer, settings) : FUNCTION_KEY_PRINCIPAL;
    case 'entra': {
      if (bearer) return verifyBearerToken(bearer, settings);
      const easyAuth = fromClientPrincipalHeader(request.headers.get(CLIENT_PRINCIPAL_HEADER), settings);
      if (easyAuth) return easyAuth;
      throw new NonRetriableError('Unauthenticated', 'Sign in: send an Entra ID access token as a Bearer token');
    }
  }
}

/** The authLevel HTTP routes register with: with Entra sign-in the app authenticates every call itself. */
export function routeAuthLevel(env: NodeJS.ProcessEnv = process.env): 'function' | 'anonymous' {
  return env.AUTH_MODE === 'entra' ? 'anonymous' : 'function';
}
