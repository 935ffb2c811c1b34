import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { makeTempDir, sweepTempDirs, tempRoot } from '../../../src/tempFiles';

const root = mkdtempSync(join(tmpdir(), 'clinscribe-tempfiles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('temporary files (issue 10 item 3)', () => {
  it('live under CLINSCRIBE_TEMP_DIR in a folder only the owner can read', async () => {
    expect(tempRoot({ CLINSCRIBE_TEMP_DIR: root })).toBe(root);
    const base = join(root, 'private');
    const dir = await makeTempDir('audio', base);
    expect(dir.startsWith(join(base, `p${process.pid}-audio-`))).toBe(true);
    expect(statSync(base).mode & 0o777).toBe(0o700);
  });

  it('are swept at start when their process is gone, never while it runs', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const orphan = join(root, `p${dead}-audio-abc`);
    mkdirSync(orphan);
    const mine = await makeTempDir('pcm', root);
    expect(await sweepTempDirs(root)).toBeGreaterThanOrEqual(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });
});
