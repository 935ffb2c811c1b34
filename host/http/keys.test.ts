import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadOrCreateKeys } from './keys';

const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
  dirs.push(dir);
  return path.join(dir, 'data');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('loadOrCreateKeys', () => {
  it('creates master, function and the named system keys, private to the owner, and reads them back', () => {
    const dir = tmp();
    const { keys, file } = loadOrCreateKeys(dir, ['durabletask_extension']);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof keys;
    expect(onDisk).toEqual(keys);
    expect(keys.systemKeys.durabletask_extension).toMatch(/^[\w-]{40,}$/);
    expect(new Set([keys.master, keys.functionKeys.default, keys.systemKeys.durabletask_extension]).size).toBe(3);
    if (process.platform !== 'win32') {
      expect(mode(file)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    }
    expect(loadOrCreateKeys(dir, ['durabletask_extension']).keys).toEqual(keys);
  });

  it('adds a missing system key to an older keys.json, keeping its master and function keys, and narrows modes', () => {
    const dir = tmp();
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, JSON.stringify({ master: 'm-old', functionKeys: { default: 'f-old' } }), { mode: 0o644 });
    const { keys } = loadOrCreateKeys(dir, ['durabletask_extension']);
    expect(keys.master).toBe('m-old');
    expect(keys.functionKeys).toEqual({ default: 'f-old' });
    expect(keys.systemKeys.durabletask_extension).toBeTruthy();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(keys);
    if (process.platform !== 'win32') {
      expect(mode(file)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    }
  });
});
