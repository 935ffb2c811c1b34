import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ensurePrivateDir } from '../privateFiles';
import { openReceiptStore } from './receiptStore';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinscribe-receipts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('receipts hold no trace of a deleted upload (issue 10 items 3 and 10)', () => {
  it('prunes receipts of blobs gone from the container and leaves no copy of the name in the file', () => {
    const data = path.join(dir, 'data');
    ensurePrivateDir(data);
    const store = openReceiptStore(data);
    const key = { functionName: 'uploads', container: 'uploads', etag: '"1"' };
    const name = 'Jane Q Patient visit 2026-03-01.wav';
    store.record({ ...key, blobName: name }, 'done', 1);
    store.record({ ...key, blobName: 'kept.wav' }, 'done', 1);
    expect(store.prune('uploads', 'uploads', new Set(['kept.wav']))).toBe(1);
    expect(store.get({ ...key, blobName: name })).toBeUndefined();
    expect(store.get({ ...key, blobName: 'kept.wav' })).toBeDefined();
    store.close();
    const files = fs.readdirSync(data).map((f) => path.join(data, f));
    for (const file of files) expect(fs.readFileSync(file).includes(Buffer.from('Jane Q Patient'))).toBe(false);
    expect(fs.statSync(data).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(data, 'host.db')).mode & 0o777).toBe(0o600);
  });
});
