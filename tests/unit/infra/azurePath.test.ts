/**
 * Structural checks of the Azure path (issue 14): host.json (extension bundle floor for the Durable Task
 * Scheduler, an explicit functionTimeout that covers the longest activity, concurrency for 2 GB instances), Node 22
 * on Azure and in CI, the deploy workflow's OIDC subject, model defaults that keep PHI in the data zone, and the
 * role list (Speech reads only uploads, a CI principal gets no data-plane role, FHIR Data Contributor on export).
 */
import { describe, expect, it } from 'vitest';

import { FAST_ATTEMPTS, FAST_MAX_ATTEMPT_MS } from '../../../src/engines/speech/azure-fast';
import { bicepFiles, blankStringsAndComments, readRepoFile, resources } from './bicepText';

const hostJson = JSON.parse(readRepoFile('host.json')) as {
  functionTimeout?: string;
  extensionBundle: { id: string; version: string };
  extensions: { durableTask: { maxConcurrentActivityFunctions: number; storageProvider: { type: string } } };
};
const main = readRepoFile('infra/main.bicep');
const rbac = readRepoFile('infra/app/rbac.bicep');
const deploy = readRepoFile('.github/workflows/deploy.yml');
const ci = readRepoFile('.github/workflows/ci.yml');

const seconds = (span: string) => {
  const [h, m, s] = span.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
};
const version = (v: string) => v.split('.').map(Number);
const atLeast = (v: string, floor: string) => {
  const [a, b] = [version(v), version(floor)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('host.json for Flex Consumption + Durable Task Scheduler', () => {
  it('pins the extension bundle to [4.32.0, 5.0.0): the azureManaged (DTS) provider needs 4.32 or later', () => {
    expect(hostJson.extensions.durableTask.storageProvider.type).toBe('azureManaged');
    const range = /^\[(\d+\.\d+\.\d+), (\d+)\.0\.0\)$/.exec(hostJson.extensionBundle.version);
    expect(range, hostJson.extensionBundle.version).not.toBeNull();
    expect(atLeast(range![1]!, '4.32.0')).toBe(true);
    expect(range![2]).toBe('5');
  });

  it('sets functionTimeout explicitly, above the longest activity (fast transcription attempts) and finite', () => {
    expect(hostJson.functionTimeout).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    const limit = seconds(hostJson.functionTimeout!);
    expect(limit).toBeGreaterThan((FAST_ATTEMPTS * FAST_MAX_ATTEMPT_MS) / 1000 + 5 * 60);
    expect(limit).toBeLessThanOrEqual(2 * 3600);
  });

  it('runs at most 4 activities at once per 2 GB instance (each may run ffmpeg on a recording)', () => {
    expect(hostJson.extensions.durableTask.maxConcurrentActivityFunctions).toBeLessThanOrEqual(4);
    expect(main).toMatch(/param instanceMemoryMB int = 2048/);
  });
});

describe('Node 22 on Azure and in CI', () => {
  it('defaults the Flex runtime to Node 22 and allows nothing older', () => {
    for (const file of ['infra/main.bicep', 'infra/app/api.bicep']) {
      const text = readRepoFile(file);
      expect(text, file).toMatch(/@allowed\(\['22'\]\)\s+param nodeVersion string = '22'/);
    }
  });
  it.each([
    ['ci', ci],
    ['deploy', deploy],
  ])('%s workflow sets up Node 22', (_name, text) => {
    const versions = [...text.matchAll(/node-version: (\S+)/g)].map((m) => m[1]);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(v).toBe('22');
  });
});

describe('deploy workflow login (OIDC)', () => {
  it('runs in no GitHub environment, so its token subject is the branch azd pipeline config trusts', () => {
    expect(deploy).not.toMatch(/^\s+environment:/m);
    expect(deploy).toMatch(/id-token: write/);
    expect(deploy).toMatch(/branches: \[main\]/);
  });
  it('uses no client secret', () => {
    expect(deploy).not.toMatch(/secrets\./);
    expect(deploy).not.toMatch(/client-secret|AZURE_CLIENT_SECRET/);
  });
});

describe('Azure OpenAI defaults', () => {
  it('defaults to a DataZoneStandard deployment (processing stays in the data zone) of a current model version', () => {
    expect(main).toMatch(/param openAiDeploymentSku string = 'DataZoneStandard'/);
    expect(main).not.toMatch(/2024-07-18/);
    const params = readRepoFile('infra/main.parameters.json');
    expect(params).toMatch(/AZURE_OPENAI_DEPLOYMENT_SKU=DataZoneStandard/);
    expect(params).not.toMatch(/2024-07-18/);
  });
});

describe('role list', () => {
  it('lets the Speech identity read only the uploads container', () => {
    const [grant] = resources(rbac, 'Microsoft.Authorization/roleAssignments').filter((d) =>
      d.body.includes('speechServicePrincipalId'),
    );
    expect(grant).toBeDefined();
    expect(grant!.body).toMatch(/^\s*scope: uploadsContainer$/m);
    expect(rbac).toMatch(/parent: blobService\s+name: uploadsContainerName/);
    expect(main).toMatch(/uploadsContainerName: 'uploads'/);
  });

  it('gives the deploying principal data-plane roles only when it is a user, never a CI service principal', () => {
    expect(rbac).toMatch(/^var hasUser = !empty\(userPrincipalId\) && userPrincipalType == 'User'$/m);
    const userGrants = resources(rbac, 'Microsoft.Authorization/roleAssignments').filter((d) =>
      d.body.includes('principalId: userPrincipalId'),
    );
    expect(userGrants.map((d) => d.symbol).sort()).toEqual(['userScheduler', 'userStorage']);
    for (const { symbol } of userGrants) {
      const header = new RegExp(`resource ${symbol} '[^']+' = (\\[\\s*for [^:]+: )?if \\(hasUser\\)`);
      expect(rbac, symbol).toMatch(header);
    }
    expect(deploy).toMatch(/AZURE_PRINCIPAL_TYPE: ServicePrincipal/);
  });

  it('grants FHIR Data Contributor on the FHIR service when export to one is configured', () => {
    const fhir = readRepoFile('infra/app/fhirRole.bicep');
    expect(fhir).toMatch(/fhirDataContributor: '5a1fc7df-4bf1-4951-a576-89034ee01acd'/);
    expect(fhir).toMatch(/scope: fhirService/);
    expect(fhir).toMatch(/principalId: appPrincipalId/);
    expect(main).toMatch(/module fhirRole 'app\/fhirRole\.bicep' = if \(!empty\(fhirServiceId\)\)/);
    expect(readRepoFile('infra/main.parameters.json')).toMatch(/FHIR_SERVICE_ID=/);
  });

  it('uses no keys: no listKeys, no account key, no connection string with a secret in any template', () => {
    for (const file of bicepFiles()) {
      const text = blankStringsAndComments(readRepoFile(file));
      expect(text, file).not.toMatch(/listKeys|listConnectionStrings|AccountKey/);
    }
  });
});
