import { describe, expect, it } from 'vitest';

import { blankStringsAndComments, readRepoFile } from './bicepText';

const settingsBicep = readRepoFile('infra/app/settings.bicep');
const azureDoc = readRepoFile('docs/azure.md');
const configTs = readRepoFile('src/config.ts');

/** Setting names the Bicep assigns: keys of its object literals (comments and string contents excluded). */
const setInBicep = new Set(
  [...blankStringsAndComments(settingsBicep).matchAll(/\b([A-Z][A-Z0-9_]+|AzureWebJobsStorage__\w+)\s*:/g)].map(
    (m) => m[1] ?? '',
  ),
);
/** Names the deployment guide mentions as code (`NAME`). */
const documented = new Set([...azureDoc.matchAll(/`([A-Za-z][\w]*)`/g)].map((m) => m[1] ?? ''));

/** The keys of `SettingsSchema` in src/config.ts (two-space-indented `NAME:` lines inside `z.object({`). */
function configKeys(): string[] {
  const start = configTs.indexOf('const SettingsSchema = z.object({');
  const end = configTs.indexOf('\n});', start);
  return [...configTs.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '');
}

/** The allowed values of an engine setting (`NAME: EngineSetting(['a', 'b'] as const)`). */
function engineValues(name: string): string[] {
  const match = new RegExp(`${name}: EngineSetting\\(\\[([^\\]]+)\\]`).exec(configTs);
  return [...(match?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('app settings in infra/app/settings.bicep', () => {
  it('finds the settings schema (guards the parser)', () => {
    expect(configKeys().length).toBeGreaterThanOrEqual(15);
    expect(configKeys()).toContain('SPEECH_ENGINE');
  });

  it.each(configKeys())('%s (src/config.ts) is set in the Bicep or documented in docs/azure.md', (name) => {
    expect(setInBicep.has(name) || documented.has(name)).toBe(true);
  });

  it('sets what host.json references (%TASKHUB_NAME%, connectionStringName)', () => {
    const host = readRepoFile('host.json');
    const refs = [
      ...[...host.matchAll(/%(\w+)%/g)].map((m) => m[1] ?? ''),
      ...[...host.matchAll(/"connectionStringName":\s*"(\w+)"/g)].map((m) => m[1] ?? ''),
    ];
    expect(refs).toEqual(expect.arrayContaining(['TASKHUB_NAME', 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING']));
    for (const ref of refs) expect(setInBicep, ref).toContain(ref);
  });

  it('sets or documents every environment variable the app and its storage client read', () => {
    const sources = ['src/store/blobServiceClient.ts', 'src/functions/health.ts', 'src/log.ts'];
    const read = sources.flatMap((path) =>
      [...readRepoFile(path).matchAll(/\benv\.([A-Za-z_][\w]*)/g)].map((m) => m[1] ?? ''),
    );
    expect(read).toContain('AzureWebJobsStorage__blobServiceUri');
    for (const name of read) expect(setInBicep.has(name) || documented.has(name), name).toBe(true);
  });

  it('uses identity-based host storage with the user-assigned identity', () => {
    for (const name of ['credential', 'clientId', 'blobServiceUri', 'queueServiceUri', 'tableServiceUri'])
      expect(setInBicep).toContain(`AzureWebJobsStorage__${name}`);
    expect(settingsBicep).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
    expect(setInBicep).toContain('AZURE_CLIENT_ID');
    expect(setInBicep).not.toContain('AzureWebJobsStorage');
  });

  it('connects to DTS with the managed identity, never a key', () => {
    expect(settingsBicep).toMatch(
      /DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=\$\{\w+\};Authentication=ManagedIdentity;ClientID=\$\{identityClientId\}'/,
    );
  });

  it('sets no key or secret setting and nothing Flex Consumption rejects', () => {
    const forbidden = [...setInBicep].filter((n) =>
      /_KEY$|SECRET|PASSWORD|^FUNCTIONS_(WORKER_RUNTIME|EXTENSION_VERSION)$/.test(n),
    );
    expect(forbidden).toEqual([]);
  });

  it.each([
    ['SPEECH_ENGINE', 'SPEECH_ENDPOINT'],
    ['LANGUAGE_ENGINE', 'LANGUAGE_ENDPOINT'],
    ['NOTE_ENGINE', 'AZURE_OPENAI_ENDPOINT'],
  ])('%s takes only values src/config.ts accepts, local when the service is not deployed', (engine, endpoint) => {
    const values = [...settingsBicep.matchAll(new RegExp(`${engine}: '([^']+)'`, 'g'))].map((m) => m[1] ?? '');
    expect(values).toContain('local');
    expect(values.length).toBeGreaterThanOrEqual(2);
    for (const value of values) expect(engineValues(engine)).toContain(value);
    expect(setInBicep).toContain(endpoint);
  });

  it('sets the Azure OpenAI deployment next to its endpoint (config requires both)', () => {
    expect(settingsBicep).toMatch(/AZURE_OPENAI_ENDPOINT: \w+\s+AZURE_OPENAI_DEPLOYMENT: \w+/);
  });
});
