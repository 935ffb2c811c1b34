import { describe, expect, it } from 'vitest';

import { bicepFiles, readRepoFile } from './bicepText';

const deployFiles = [
  ...bicepFiles(),
  'infra/main.parameters.json',
  'infra/hooks/postdeploy.sh',
  'infra/hooks/postdeploy.ps1',
  'azure.yaml',
  '.github/workflows/deploy.yml',
];

describe('no secrets in the deployment', () => {
  it.each(deployFiles)('%s reads no keys and carries no key-based connection string', (file) => {
    const text = readRepoFile(file);
    expect(text).not.toMatch(/listKeys\(/i);
    expect(text).not.toMatch(/AccountKey=|SharedAccessSignature=|SharedAccessKey=/i);
    expect(text).not.toMatch(/client-secret|clientSecret|AZURE_CLIENT_SECRET/);
  });

  it('the workflow uses OIDC and references only vars/secrets/github contexts', () => {
    const workflow = readRepoFile('.github/workflows/deploy.yml');
    expect(workflow).toMatch(/id-token: write/);
    expect(workflow).toMatch(/workflow_dispatch:/);
    expect(workflow).toMatch(/push:\s+branches: \[main\]/);
    expect(workflow).toMatch(/--federated-credential-provider github/);
    for (const [, expr] of workflow.matchAll(/\$\{\{\s*([^}]*)\}\}/g))
      expect(expr, expr).toMatch(/^(vars|secrets|github)\.\w+/);
  });
});

describe('storage (infra/app/storage.bicep)', () => {
  const storage = readRepoFile('infra/app/storage.bicep');

  it('allows Entra ID only and no anonymous access', () => {
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(storage).toMatch(/allowBlobPublicAccess: false/);
    expect(storage).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(storage).toMatch(/publicAccess: 'None'/);
    expect(storage).not.toMatch(/publicAccess: '(Blob|Container)'/);
  });

  it('creates the uploads, encounters and deployment containers', () => {
    expect(storage).toMatch(/containerNames = \['uploads', 'encounters', deploymentContainerName\]/);
    expect(readRepoFile('src/model/names.ts')).toMatch(/uploads: 'uploads',\s+encounters: 'encounters'/);
  });
});

describe('AI services, monitoring and the Function App', () => {
  it.each(['infra/app/cognitive.bicep', 'infra/app/openai.bicep'])('%s disables key auth', (file) => {
    const text = readRepoFile(file);
    expect(text).toMatch(/disableLocalAuth: true/);
    expect(text).toMatch(/customSubDomainName: name/); // Entra tokens need a custom subdomain
  });

  it('Application Insights accepts only Entra-authenticated telemetry', () => {
    expect(readRepoFile('infra/app/monitoring.bicep')).toMatch(/DisableLocalAuth: true/);
    expect(readRepoFile('infra/app/settings.bicep')).toMatch(
      /APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=\$\{identityClientId\};Authorization=AAD'/,
    );
  });

  it.each(bicepFiles())('%s: diagnostic settings send no request/response bodies', (file) => {
    const text = readRepoFile(file);
    expect(text).not.toMatch(/category: 'RequestResponse'/);
    expect(text).not.toMatch(/categoryGroup: '(allLogs|audit)'/);
  });

  it('runs on Flex Consumption (FC1), Node, deployed from blob with the user-assigned identity', () => {
    const api = readRepoFile('infra/app/api.bicep');
    expect(api).toMatch(/sku: \{ tier: 'FlexConsumption', name: 'FC1' \}/);
    expect(api).toMatch(/runtime: \{ name: 'node', version: nodeVersion \}/);
    expect(api).toMatch(/type: 'blobContainer'/);
    expect(api).toMatch(/type: 'UserAssignedIdentity'/);
    expect(api).toMatch(/httpsOnly: true/);
    expect(api).toMatch(/name: 'scm'\s+properties: \{ allow: false \}/);
    const engines = readRepoFile('package.json');
    expect(engines).toMatch(/"node": ">=20/);
    expect(readRepoFile('infra/main.bicep')).toMatch(/param nodeVersion string = '22'/);
  });
});
