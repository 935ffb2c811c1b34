import { describe, expect, it } from 'vitest';

import { bicepFiles, blankStringsAndComments, readRepoFile, resources } from './bicepText';

/** Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
const BUILT_IN: Record<string, string> = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  durableTaskDataContributor: '0ad04412-c4d5-4796-b79c-f76d14c8d402',
  cognitiveServicesSpeechUser: 'f2dc8367-1007-4938-bd23-fe263f013447',
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
};

/** Roles assigned outside rbac.bicep (infra/app/fhirRole.bicep, on a FHIR service in its own resource group). */
const OTHER_ROLES: Record<string, string> = {
  fhirDataContributor: '5a1fc7df-4bf1-4951-a576-89034ee01acd',
};

const rbac = readRepoFile('infra/app/rbac.bicep');

/** `var roles = { name: 'guid' … }` of rbac.bicep. */
function declaredRoles(): Record<string, string> {
  const block = /var roles = \{([^}]*)\}/.exec(rbac)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\w+): '([0-9a-f-]{36})'/g)].map((m) => [m[1], m[2]]));
}

/** `var name = [ roles.a roles.b ]` arrays of role names. */
function roleArray(name: string): string[] {
  const block = new RegExp(`var ${name} = \\[([^\\]]*)\\]`).exec(rbac)?.[1] ?? '';
  return [...block.matchAll(/roles\.(\w+)/g)].map((m) => m[1] ?? '');
}

interface Grant {
  role: string;
  scope: string;
  principal: string;
}

/** Every (role, scope, principal) the role assignments of rbac.bicep grant, loops expanded. */
function grants(): Grant[] {
  return resources(rbac, 'Microsoft.Authorization/roleAssignments').flatMap((decl) => {
    const scope = /^\s*scope: (\w+)/m.exec(decl.body)?.[1] ?? '?';
    const principal = /principalId: (\w+)/.exec(decl.body)?.[1] ?? '?';
    const arg = /subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', ([\w.]+)\)/.exec(decl.body)?.[1];
    if (!arg) return [{ role: '?', scope, principal }];
    const names =
      decl.loop && arg === decl.loop.variable ? roleArray(decl.loop.collection) : [arg.replace(/^roles\./, '')];
    return names.map((role) => ({ role, scope, principal }));
  });
}

describe('role assignments (infra/app/rbac.bicep)', () => {
  it('declares each role by its real built-in definition id', () => {
    expect(declaredRoles()).toEqual(BUILT_IN);
  });

  it('uses no role id outside the built-in table anywhere in infra/', () => {
    const known = new Set([...Object.values(BUILT_IN), ...Object.values(OTHER_ROLES)]);
    for (const file of bicepFiles()) {
      const guids = readRepoFile(file).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
      for (const guid of guids) expect(known, `${file}: ${guid}`).toContain(guid.toLowerCase());
    }
  });

  it.each([
    ['storageBlobDataOwner', 'storage'],
    ['storageQueueDataContributor', 'storage'],
    ['storageTableDataContributor', 'storage'],
    ['durableTaskDataContributor', 'taskHub'],
    ['cognitiveServicesSpeechUser', 'speech'],
    ['cognitiveServicesUser', 'language'],
    ['cognitiveServicesOpenAIUser', 'openAi'],
    ['monitoringMetricsPublisher', 'appInsights'],
  ])('grants the app identity %s on %s', (role, scope) => {
    expect(grants()).toContainEqual({ role, scope, principal: 'appPrincipalId' });
  });

  it('lets the Speech service read uploads and the deploying user open the DTS dashboard', () => {
    expect(grants()).toContainEqual({
      role: 'storageBlobDataReader',
      scope: 'uploadsContainer',
      principal: 'speechServicePrincipalId',
    });
    expect(grants()).toContainEqual({
      role: 'durableTaskDataContributor',
      scope: 'scheduler',
      principal: 'userPrincipalId',
    });
  });

  it('names each assignment deterministically from scope, principal and role (redeployable)', () => {
    for (const decl of resources(rbac, 'Microsoft.Authorization/roleAssignments'))
      expect(blankStringsAndComments(decl.body), decl.symbol).toMatch(/name: guid\(\w+\.id, \w+, [\w.]+\)/);
  });

  it('scopes each existing resource the assignments target to what main.bicep deploys', () => {
    const main = readRepoFile('infra/main.bicep');
    for (const name of [
      'storageAccountName',
      'schedulerName',
      'taskHubName',
      'speechName',
      'languageName',
      'openAiName',
    ])
      expect(main).toMatch(new RegExp(`${name}: `));
  });
});
