import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { lockDataDir } from './dataDirLock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'datalock-'));
  dirs.push(d);
  return d;
};

describe('lockDataDir (issue 15 item 15)', () => {
  it('refuses a second host on the same data folder, naming the owner and the way out', () => {
    const dir = tmp();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`Another host \\(process ${process.pid}\\) is using the data folder .*another --data folder`),
    );
    release();
    expect(fs.existsSync(path.join(dir, 'host.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'host.lock'), '2147483646\n'); // no such process
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'host.lock'), 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});
