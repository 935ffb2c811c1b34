import { describe, expect, it } from 'vitest';

import { blankStringsAndComments, readRepoFile } from './bicepText';

const settingsBicep = readRepoFile('infra/app/settings.bicep');
const storageBicep = readRepoFile('infra/app/storage.bicep');
const identityTs = readRepoFile('src/identity/identitySettings.ts');
const identityDoc = readRepoFile('docs/identity.md');

const setInBicep = new Set(
  [...blankStringsAndComments(settingsBicep).matchAll(/\b([A-Z][A-Z0-9_]+)\s*:/g)].map((m) => m[1] ?? ''),
);
const documented = new Set([...identityDoc.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? ''));
const identityKeys = [...identityTs.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '');

describe('identity and audit in infra/', () => {
  it('finds the identity settings (guards the parser)', () => {
    expect(identityKeys).toEqual(expect.arrayContaining(['AUTH_MODE', 'ENTRA_TENANT_ID', 'ENTRA_AUDIENCES']));
  });

  it.each(identityKeys)('%s (src/identity) is set by the Bicep or documented in docs/identity.md', (name) => {
    expect(setInBicep.has(name) || documented.has(name)).toBe(true);
  });

  it('development sign-in is never deployed: the Bicep sets only keys or entra', () => {
    expect(settingsBicep).toMatch(/AUTH_MODE: 'keys'/);
    expect(settingsBicep).toMatch(/AUTH_MODE: 'entra'/);
    expect(settingsBicep).not.toMatch(/development/);
    expect(settingsBicep).not.toMatch(/DEV_USERS/);
  });

  it('the audit container keeps records immutable while the app appends', () => {
    const audit = storageBicep.slice(storageBicep.indexOf("name: 'audit'"));
    expect(audit).toMatch(/immutabilityPolicies/);
    expect(audit).toMatch(/immutabilityPeriodSinceCreationInDays: auditRetentionDays/);
    expect(audit).toMatch(/allowProtectedAppendWrites: true/);
  });
});
