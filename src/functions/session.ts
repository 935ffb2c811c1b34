import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';

import { NonRetriableError } from '../errors';
import { signInDevelopmentUser } from '../identity/developmentSignIn';
import { loadIdentitySettings } from '../identity/identitySettings';
import { resolveCaller, routeAuthLevel } from '../identity/resolveCaller';
import { json, respond } from './lib/httpResponses';

const SignInSchema = z.object({ name: z.string().min(1).max(64) });
const MAX_SIGN_IN_BODY = 4096;

/** `GET /api/session`: who the caller is (id, name, roles, groups) and how the deployment signs users in. */
export async function getSession(request: HttpRequest): Promise<HttpResponseInit> {
  return respond('session.get', async () => {
    const settings = loadIdentitySettings();
    const principal = await resolveCaller(request, settings);
    const developmentUsers = settings.AUTH_MODE === 'development' ? settings.DEV_USERS.map((u) => u.name) : undefined;
    return json(200, { mode: settings.AUTH_MODE, principal, developmentUsers });
  });
}

/**
 * `POST /api/session/development {name}`: DEVELOPMENT ONLY — signs in a user named in DEV_USERS and returns a
 * short-lived token for `Authorization: Bearer`. Off unless AUTH_MODE=development; refused on Azure deployments.
 */
export async function signInDevelopment(request: HttpRequest): Promise<HttpResponseInit> {
  return respond('session.development', async () => {
    const settings = loadIdentitySettings();
    const text = await request.text();
    if (text.length > MAX_SIGN_IN_BODY) throw new NonRetriableError('TooLarge', 'The sign-in body is too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new NonRetriableError('InvalidRequest', 'The body must be JSON: {"name": "<development user>"}');
    }
    const parsed = SignInSchema.safeParse(body);
    if (!parsed.success)
      throw new NonRetriableError('InvalidRequest', 'The body must be {"name": "<development user>"}');
    const { token, principal, expiresIn } = await signInDevelopmentUser(parsed.data.name, settings);
    return json(200, { token, tokenType: 'Bearer', expiresIn, principal, development: true });
  });
}

app.http('sessionGet', { methods: ['GET'], route: 'session', authLevel: routeAuthLevel(), handler: getSession });
app.http('sessionDevelopment', {
  methods: ['POST'],
  route: 'session/development',
  authLevel: routeAuthLevel(),
  handler: signInDevelopment,
});
