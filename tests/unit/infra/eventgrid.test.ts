import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { readRepoFile, ROOT } from './bicepText';

const KEY = 'fake-eventgrid-extension-key-123';

/**
 * Runs the postdeploy hook with a stand-in `az` on PATH (the Azure CLI is the boundary we cannot reach) that
 * records its arguments, one call per line, and answers `functionapp keys list` with `key` (empty = no key yet).
 */
function runHook(dir: string, key: string): { status: number | null; output: string; calls: string[] } {
  const log = join(dir, 'az-calls.log');
  const az = join(dir, 'az');
  writeFileSync(
    az,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\ncase "$*" in "functionapp keys list"*) printf '%s' '${key}';; esac\nexit 0\n`,
  );
  chmodSync(az, 0o755);
  writeFileSync(log, '');
  const result = spawnSync('sh', [join(ROOT, 'infra/hooks/postdeploy.sh')], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      AZURE_RESOURCE_GROUP: 'rg-test',
      AZURE_FUNCTION_NAME: 'func-abc',
      AZURE_FUNCTION_HOSTNAME: 'func-abc.azurewebsites.net',
      UPLOADS_SYSTEM_TOPIC_NAME: 'evgt-uploads-abc',
      POSTDEPLOY_KEY_ATTEMPTS: '2',
      POSTDEPLOY_KEY_WAIT_SECONDS: '0',
    },
  });
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: result.status, output: `${result.stdout}${result.stderr}`, calls };
}

describe('uploads delivered by Event Grid to the uploadsEvent trigger', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('subscribes BlobCreated of the uploads container to the Event Grid trigger the app registers', () => {
    dir = mkdtempSync(join(tmpdir(), 'clinscribe-hook-'));
    const { status, output, calls } = runHook(dir, KEY);
    expect(status, output).toBe(0);
    const create = calls.find((c) => c.startsWith('eventgrid system-topic event-subscription create'));
    expect(create).toBeDefined();
    expect(create).toContain('--system-topic-name evgt-uploads-abc');
    expect(create).toContain('--included-event-types Microsoft.Storage.BlobCreated');
    expect(create).toContain('--subject-begins-with /blobServices/default/containers/uploads/');
    expect(create).toContain(
      `--endpoint https://func-abc.azurewebsites.net/runtime/webhooks/eventgrid?functionName=uploadsEvent&code=${KEY}`,
    );
    expect(create).toContain('--name uploads-blob-created');
    expect(calls.find((c) => c.startsWith('functionapp keys list'))).toContain('systemKeys.eventgrid_extension');
    expect(output).not.toContain(KEY);
    // The function and container the hook targets are the ones the app registers.
    const trigger = readRepoFile('src/functions/uploadsEvent.ts');
    expect(trigger).toMatch(/if \(blobTriggerSource\(\) === 'EventGrid'\)\s+app\.eventGrid\('uploadsEvent'/);
    expect(trigger).toMatch(/createdBlobOf\(event, Containers\.uploads\)/);
    // …and the polling blob trigger (which would hand the worker the whole blob) is not registered there.
    expect(readRepoFile('src/functions/uploads.ts')).toMatch(
      /if \(blobTriggerSource\(\) !== 'EventGrid'\)\s+app\.storageBlob\('uploads'/,
    );
  });

  it('fails, creating nothing, when the host never exposes the eventgrid extension key', () => {
    dir = mkdtempSync(join(tmpdir(), 'clinscribe-hook-'));
    const { status, output, calls } = runHook(dir, '');
    expect(status).not.toBe(0);
    expect(output).toMatch(/no eventgrid_extension key/);
    expect(calls.filter((c) => c.startsWith('functionapp keys list'))).toHaveLength(2);
    expect(calls.some((c) => c.includes('event-subscription create'))).toBe(false);
  });

  it('the system topic watches the storage account that holds uploads', () => {
    const topic = readRepoFile('infra/app/eventgrid.bicep');
    expect(topic).toMatch(/topicType: 'Microsoft\.Storage\.StorageAccounts'/);
    expect(topic).toMatch(/source: storageAccountId/);
    expect(topic).toMatch(/param containerName string = 'uploads'/);
    expect(readRepoFile('infra/main.bicep')).toMatch(/storageAccountId: storage\.outputs\.id/);
  });

  it('azure.yaml runs the hook after deploy, on both shells', () => {
    const yaml = readRepoFile('azure.yaml');
    expect(yaml).toMatch(/postdeploy:/);
    expect(yaml).toMatch(/run: \.\/infra\/hooks\/postdeploy\.sh/);
    expect(yaml).toMatch(/run: \.\/infra\/hooks\/postdeploy\.ps1/);
    expect(yaml).toMatch(/host: function/);
  });
});
