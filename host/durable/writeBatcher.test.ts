import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { DurableStore } from './durableStore';
import { historyEvent } from './historyEvent';
import { WriteBatcher } from './writeBatcher';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('WriteBatcher with a database another process has locked (issue 15 item 11)', () => {
  it('waits without blocking the event loop and commits once the lock is released', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'batcher-'));
    dirs.push(dir);
    const file = path.join(dir, 'durable.db');
    const store = new DurableStore(file);
    const batcher = new WriteBatcher(store);
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run(); // another connection holds the write lock
    let committed = false;
    const write = batcher
      .write(() => store.enqueue('x', null, historyEvent(15, new Date(0).toISOString(), { Name: 'e' }), 0))
      .then(() => (committed = true));
    // A timer can only fire here if the pending commit is not blocking the event loop inside SQLite.
    await new Promise((r) => setTimeout(r, 300));
    expect(committed).toBe(false);
    other.prepare('COMMIT').run();
    await write;
    expect(committed).toBe(true);
    expect(store.inboxFor('x', 0)).toHaveLength(1);
    other.close();
    store.close();
  });
});
