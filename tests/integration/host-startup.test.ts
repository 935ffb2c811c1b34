import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { azuriteConnectionString } from '../../host/blob/startAzurite';

const root = path.resolve(__dirname, '../..');
const apps = path.join(root, 'tests/fixtures/apps');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'host-startup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `clinscribe-host start` for an app that cannot start; storage points nowhere (the app must fail first). */
function runHost(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  expect(fs.existsSync(path.join(root, 'dist/host/cli.js')), 'run `npm run build` first').toBe(true);
  const nowhere = azuriteConnectionString('http://127.0.0.1:9', 'http://127.0.0.1:9', 'http://127.0.0.1:9');
  const child = spawn(process.execPath, [path.join(root, 'bin/clinscribe-host.js'), ...args], {
    env: { ...process.env, AzureWebJobsStorage: nowhere },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // A hang must fail the test rather than the suite: kill after 20 s (the exit code then is null).
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('clinscribe-host start: apps that cannot start', () => {
  it.each([
    ['syntax-error', /index\.js.*SyntaxError.*index\.js:3/],
    ['duplicate', /already been registered/],
    ['bad-route', /Function "badRoute": invalid route template "api\/items\/\{id:int"/],
    ['missing-main', /unable to load entry point "dist\/functions\/\*\.js": Found zero files/],
    ['no-such-app', /does not exist|No package\.json/],
  ])('%s: exits non-zero with the file and message', async (name, message) => {
    const result = await runHost([
      'start',
      '--app',
      path.join(apps, name),
      '--port',
      '0',
      '--data',
      path.join(tmp, name),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain('Host started');
  });

  it.each([
    [['start', '--port', 'x'], /--port must be an integer/],
    [['serve'], /expected the command 'start'/],
    [['start', '--bogus'], /Unknown option/],
  ])('rejects bad arguments %j with a one-line reason', async (args, message) => {
    const result = await runHost(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('documents every option in --help', async () => {
    const result = await runHost(['--help']);
    expect(result.code).toBe(0);
    for (const option of ['--app', '--port', '--data']) expect(result.stdout).toContain(option);
  });
});
