/** `clinscribe process` (the built CLI, a separate process) against the embedded host: upload, progress, artifacts. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NoteSchema } from '../../src/model/note';
import type { TestHost } from '../helpers/hostHarness';
import { APP_DIR, startPipelineHost } from './pipeline-helpers';

const run = promisify(execFile);
let host: TestHost;
let out: string;

beforeAll(async () => {
  [host, out] = await Promise.all([startPipelineHost(), mkdtemp(join(tmpdir(), 'clinscribe-cli-out-'))]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), rm(out, { recursive: true, force: true })]);
});

describe('clinscribe process', () => {
  it('uploads a sample, follows it to Completed and writes every artifact', async () => {
    const cli = resolve(APP_DIR, 'bin', 'clinscribe.js');
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        'process',
        resolve(APP_DIR, 'samples', 'encounter-cough.txt'),
        '--out',
        out,
        '--template',
        'hp',
        '--url',
        host.baseUrl,
        `--key=${host.keys.functionKeys.default ?? ''}`,
      ],
      { timeout: 120_000 },
    );
    expect(stdout).toMatch(/1 of 1 encounter\(s\) done/);
    const [id] = await readdir(out);
    expect(id).toMatch(/^enc-[0-9a-f]+$/);
    expect((await readdir(join(out, id!))).sort()).toEqual([
      'fhir-bundle.json',
      'health.json',
      'manifest.json',
      'note.json',
      'note.md',
      'report.html',
      'transcript.json',
    ]);
    const note = NoteSchema.parse(JSON.parse(await readFile(join(out, id!, 'note.json'), 'utf8')));
    expect(note.template).toBe('hp');
    expect(note.sections.flatMap((s) => s.sentences).length).toBeGreaterThan(3);
  });

  it('exits non-zero with a one-line reason when the key is wrong', async () => {
    const cli = resolve(APP_DIR, 'bin', 'clinscribe.js');
    const args = [cli, 'process', resolve(APP_DIR, 'samples', 'encounter-cough.txt'), '--url', host.baseUrl];
    const failure = await run(process.execPath, [...args, '--out', out, '--key=wrong']).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string; stderr: string }).stdout + (failure as { stderr: string }).stderr).toMatch(
      /key was refused/i,
    );
  });
});
