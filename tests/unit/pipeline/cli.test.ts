import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectInputs } from '../../../src/cli/encounters/collectInputs';
import { readFunctionKey } from '../../../src/cli/encounters/hostConnection';
import { fitLabel, progressBar } from '../../../src/cli/encounters/progressBar';
import { isSettled } from '../../../src/cli/process';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-cli-'));
  await mkdir(join(dir, 'visits', 'nested'), { recursive: true });
  for (const name of ['visits/a.wav', 'visits/B.TXT', 'visits/nested/c.vtt', 'visits/notes.docx', 'single.bin'])
    await writeFile(join(dir, name), 'x');
  await writeFile(join(dir, 'keys.json'), JSON.stringify({ master: 'm', functionKeys: { default: 'k1' } }));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('clinscribe process helpers', () => {
  it.each([
    [0, 'queued', 'visit.wav [..........]   0 % queued'],
    [0.45, 'analyzeHealth: x', 'visit.wav [#####.....]  45 % analyzeHealth: x'],
    [1.7, 'done', 'visit.wav [##########] 100 % done'],
    [Number.NaN, 'odd', 'visit.wav [..........]   0 % odd'],
  ])('progressBar(%d)', (progress, text, expected) => {
    expect(progressBar('visit.wav', progress, text, 10)).toBe(expected);
  });

  it('fits labels, keeping the end of long names', () => {
    expect(fitLabel('a.wav', 8)).toBe('a.wav   ');
    expect(fitLabel('a-very-long-recording-name.wav', 10)).toBe('…-name.wav');
  });

  it('collects named files as given and folders recursively by supported extension', async () => {
    const files = await collectInputs([join(dir, 'visits'), join(dir, 'single.bin')]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'single.bin',
      'visits/B.TXT',
      'visits/a.wav',
      'visits/nested/c.vtt',
    ]);
    await expect(collectInputs([join(dir, 'missing')])).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('reads the default function key of the embedded host', () => {
    expect(readFunctionKey(dir)).toBe('k1');
    expect(readFunctionKey(join(dir, 'visits'))).toBeUndefined();
  });

  it.each([
    [{ runtimeStatus: 'Running', customStatus: { stage: 'transcribe', progress: 0.1, detail: '' } }, null, false],
    [{ runtimeStatus: 'Running', customStatus: { stage: 'awaiting-review', progress: 0.8, detail: '' } }, null, true],
    [{ runtimeStatus: 'Completed', customStatus: null }, null, true],
    [{ runtimeStatus: 'Failed', customStatus: null }, null, true],
    [null, { status: 'Failed' }, true],
    [null, { status: 'Pending' }, false],
  ])('isSettled(%j, %j) = %s', (runtime, manifest, settled) => {
    expect(
      isSettled({
        encounterId: 'enc-1',
        runtime: (runtime && { ...runtime, output: null }) as never,
        manifest: manifest as never,
      }),
    ).toBe(settled);
  });
});
