import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DurableStore } from './durableStore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const file = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
  dirs.push(dir);
  return path.join(dir, 'durable.db');
};

describe('DurableStore durability (issue 15 item 18)', () => {
  it.each([
    [undefined, 2],
    ['full', 2],
    ['normal', 1],
  ] as const)('durability %s → PRAGMA synchronous %i (2 = FULL, 1 = NORMAL), in WAL mode', (durability, expected) => {
    const store = new DurableStore(file(), durability);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(expected);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });
});
