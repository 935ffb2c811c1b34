import { describe, expect, it } from 'vitest';

import { fromClientPrincipalHeader } from '../../../src/identity/clientPrincipalHeader';
import { loadIdentitySettings } from '../../../src/identity/identitySettings';

const TENANT = '11111111-2222-3333-4444-555555555555';
const header = (claims: Array<{ typ: string; val: string }>) =>
  Buffer.from(JSON.stringify({ auth_typ: 'aad', name_typ: 'name', role_typ: 'roles', claims })).toString('base64');
const alice = header([
  { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'oid-alice' },
  { typ: 'http://schemas.microsoft.com/identity/claims/tenantid', val: TENANT },
  { typ: 'name', val: 'Alice' },
  { typ: 'roles', val: 'reviewer' },
  { typ: 'groups', val: 'cardiology' },
]);

const settings = (trusted: 'true' | 'false') =>
  loadIdentitySettings({ EASY_AUTH_TRUSTED: trusted, ENTRA_TENANT_ID: TENANT, ENTRA_ALLOWED_TENANTS: TENANT });

describe('fromClientPrincipalHeader', () => {
  it('reads the platform-set principal when the deployment trusts it', () => {
    expect(fromClientPrincipalHeader(alice, settings('true'))).toEqual({
      id: 'oid-alice',
      displayName: 'Alice',
      tenantId: TENANT,
      roles: ['reviewer'],
      groups: ['cardiology'],
      source: 'easy-auth',
    });
  });

  it('ignores a (possibly forged) header unless EASY_AUTH_TRUSTED=true', () => {
    expect(fromClientPrincipalHeader(alice, settings('false'))).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['no subject', header([{ typ: 'roles', val: 'admin' }])],
    [
      'another tenant',
      header([
        { typ: 'oid', val: 'x' },
        { typ: 'tid', val: 'other-tenant' },
      ]),
    ],
  ])('ignores a header with %s', (_name, value) => {
    expect(fromClientPrincipalHeader(value, settings('true'))).toBeUndefined();
  });
});
