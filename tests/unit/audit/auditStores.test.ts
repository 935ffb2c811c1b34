import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditRecord } from '../../../src/audit/auditRecord';
import { createBlobAuditStore } from '../../../src/audit/blobAuditStore';
import { openSqliteAuditStore } from '../../../src/audit/sqliteAuditStore';
import { toAuditEventBundle } from '../../../src/audit/toAuditEvent';
import { validateBundle } from '../../../src/engines/fhir/validate';
import { startTestStorage } from '../store/azurite';

const record = (n: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  recordedAt: new Date(Date.UTC(2026, 10, 25, 10, n)).toISOString(),
  actor: { id: `user-${n % 2}`, source: 'development', roles: ['clinician'] },
  action: 'artifact.read',
  encounterId: 'enc-0123456789abcdef',
  detail: 'note',
  outcome: 'success',
  httpStatus: 200,
  clientAddress: '127.0.0.1',
  ...over,
});
const window = { from: new Date(Date.UTC(2026, 10, 25)), to: new Date(Date.UTC(2026, 10, 26)), limit: 100 };

describe('SQLite audit store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clinscribe-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends, reads by window and actor, refuses update and delete, file mode 0600', async () => {
    const path = join(dir, 'audit.db');
    const store = openSqliteAuditStore(path);
    for (let n = 0; n < 4; n++) await store.append(record(n));
    expect((await store.read(window)).map((r) => r.id)).toHaveLength(4);
    expect(await store.read({ ...window, actorId: 'user-1' })).toHaveLength(2);
    store.close();
    const raw = new Database(path);
    expect(() => raw.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE audit SET record = '{}'").run()).toThrow(/append-only/);
    raw.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a record that carries anything but ids and codes', async () => {
    const store = openSqliteAuditStore(join(dir, 'strict.db'));
    await expect(store.append(record(1, { detail: 'chest pain since Tuesday' }))).rejects.toThrow();
    store.close();
  });
});

describe('blob audit store', () => {
  let storage: Awaited<ReturnType<typeof startTestStorage>>;
  beforeAll(async () => {
    storage = await startTestStorage();
  }, 60_000);
  afterAll(() => storage.stop());

  it('appends JSON lines to hourly append blobs and reads them back in order', async () => {
    const store = createBlobAuditStore(storage.blobs);
    await Promise.all([0, 1, 2].map((n) => store.append(record(n))));
    await store.append(record(61, { recordedAt: new Date(Date.UTC(2026, 10, 25, 11, 1)).toISOString() }));
    const all = await store.read(window);
    expect(all).toHaveLength(4);
    expect(await store.read({ ...window, encounterId: 'enc-ffffffffffffffff' })).toEqual([]);
  });
});

describe('AuditEvent export', () => {
  it('validates as FHIR R4 for every action and outcome', () => {
    const records = (
      ['encounter.upload', 'encounter.list', 'artifact.read', 'review.decision', 'encounter.delete'] as const
    ).flatMap((action, i) => [
      record(i * 2, { action }),
      record(i * 2 + 1, { action, outcome: 'denied', httpStatus: 403, encounterId: undefined, detail: undefined }),
    ]);
    const bundle = toAuditEventBundle(records);
    const result = validateBundle(bundle);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(bundle.entry).toHaveLength(10);
    expect(JSON.stringify(bundle)).not.toMatch(/chest|pain/);
  });
});
