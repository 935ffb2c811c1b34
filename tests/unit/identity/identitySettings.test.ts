import { describe, expect, it } from 'vitest';

import { signInDevelopmentUser, verifyDevelopmentToken } from '../../../src/identity/developmentSignIn';
import { loadIdentitySettings } from '../../../src/identity/identitySettings';
import { resolveCaller, routeAuthLevel } from '../../../src/identity/resolveCaller';

const DEV_USERS = JSON.stringify([{ name: 'dr.ada', roles: ['clinician'], groups: ['A'] }]);
const request = (headers: Record<string, string> = {}) =>
  ({ headers: new Headers(headers) }) as unknown as Parameters<typeof resolveCaller>[0];

describe('identity settings', () => {
  it.each([
    [{ AUTH_MODE: 'entra' }, /ENTRA_TENANT_ID and ENTRA_AUDIENCES/],
    [{ AUTH_MODE: 'development', WEBSITE_INSTANCE_ID: 'abc' }, /refused on an Azure deployment/],
    [{ DEV_USERS: '[{"name":"x","roles":["surgeon"]}]' }, /DEV_USERS/],
    [{ DEV_USERS: 'not json' }, /DEV_USERS: not valid JSON/],
    [{ AUTH_MODE: 'kerberos' }, /AUTH_MODE/],
  ])('refuses %j', (env, message) => {
    expect(() => loadIdentitySettings(env)).toThrow(message);
  });

  it('routes are anonymous at the host only when the app validates Entra tokens itself', () => {
    expect(routeAuthLevel({})).toBe('function');
    expect(routeAuthLevel({ AUTH_MODE: 'development' })).toBe('function');
    expect(routeAuthLevel({ AUTH_MODE: 'entra' })).toBe('anonymous');
  });
});

describe('development sign-in', () => {
  const dev = loadIdentitySettings({ AUTH_MODE: 'development', DEV_USERS });

  it('is off unless AUTH_MODE=development', async () => {
    await expect(signInDevelopmentUser('dr.ada', loadIdentitySettings({ DEV_USERS }))).rejects.toThrow(/is off/);
  });

  it('a token names its user until the user is removed from DEV_USERS', async () => {
    const { token } = await signInDevelopmentUser('dr.ada', dev);
    await expect(verifyDevelopmentToken(token, dev)).resolves.toMatchObject({ id: 'dev:dr.ada' });
    const without = loadIdentitySettings({ AUTH_MODE: 'development', DEV_USERS: '[]' });
    await expect(verifyDevelopmentToken(token, without)).rejects.toThrow(/sign in again/);
  });

  it('entra mode never falls back to the key holder or a development token', async () => {
    const entra = loadIdentitySettings({ AUTH_MODE: 'entra', ENTRA_TENANT_ID: 't', ENTRA_AUDIENCES: 'a' });
    await expect(resolveCaller(request(), entra)).rejects.toMatchObject({ code: 'Unauthenticated' });
    const { token } = await signInDevelopmentUser('dr.ada', dev);
    await expect(resolveCaller(request({ authorization: `Bearer ${token}` }), entra)).rejects.toMatchObject({
      code: 'Unauthenticated',
    });
  });
});
