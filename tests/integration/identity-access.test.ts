import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestHost, waitFor } from '../helpers/hostHarness';
import { startPipelineHost } from './pipeline-helpers';

// Roles, group scope and the audit log on the real app (development sign-in: the same code path as Entra users).
const TEXT = 'Doctor: What brings you in today?\nPatient: I have had a dry cough for five days and a sore throat.\n';
const USERS = [
  { name: 'ada', roles: ['clinician'], groups: ['A'] },
  { name: 'bo', roles: ['clinician'], groups: ['B'] },
  { name: 'rev', roles: ['reviewer'], groups: ['A'] },
  { name: 'ops', roles: ['admin'] },
];

interface AuditRecordView {
  action: string;
  encounterId?: string;
  detail?: string;
  outcome: string;
  actor: { id: string };
}

describe('identity: roles, group scope and an audit record for every access', () => {
  let host: TestHost;
  const tokens: Record<string, string> = {};
  let id = '';
  const auditDir = mkdtempSync(join(tmpdir(), 'clinscribe-access-'));

  const call = (path: string, user: string | undefined, init: RequestInit = {}) =>
    fetch(`${host.baseUrl}${path}`, {
      ...init,
      headers: {
        'x-functions-key': host.keys.functionKeys.default!,
        ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const audit = async (): Promise<AuditRecordView[]> =>
    ((await (await call('/api/audit?limit=5000', 'ops')).json()) as { records: AuditRecordView[] }).records.filter(
      (r) => r.action !== 'audit.read',
    );

  beforeAll(async () => {
    host = await startPipelineHost({
      AUTH_MODE: 'development',
      DEV_USERS: JSON.stringify(USERS),
      AUDIT_STORE: 'sqlite',
      AUDIT_SQLITE_PATH: join(auditDir, 'audit.db'),
    });
    for (const { name } of USERS) {
      const res = await call('/api/session/development', undefined, { method: 'POST', body: JSON.stringify({ name }) });
      tokens[name] = ((await res.json()) as { token: string }).token;
    }
    const created = await call('/api/encounters', 'ada', { method: 'POST', body: TEXT });
    expect(created.status).toBe(202);
    id = ((await created.json()) as { encounterId: string }).encounterId;
    await waitFor(async () => {
      const view = (await (await call(`/api/encounters/${id}`, 'ada')).json()) as { manifest?: { status: string } };
      return view.manifest?.status === 'Completed';
    }, 120_000);
  }, 180_000);
  afterAll(async () => {
    await host?.stop();
    rmSync(auditDir, { recursive: true, force: true });
  });

  it('the uploader and their group see the encounter; another group neither lists nor reads it', async () => {
    const listed = async (user: string) =>
      ((await (await call('/api/encounters', user)).json()) as { items: Array<{ encounterId: string }> }).items.map(
        (i) => i.encounterId,
      );
    expect(await listed('ada')).toContain(id);
    expect(await listed('rev')).toContain(id);
    expect(await listed('ops')).toContain(id);
    expect(await listed('bo')).not.toContain(id);
    for (const path of [`/api/encounters/${id}`, `/api/encounters/${id}/note`, `/api/encounters/${id}/status`]) {
      expect((await call(path, 'bo')).status, path).toBe(404);
      expect((await call(path, 'rev')).status, path).toBe(200);
    }
  });

  it.each([
    ['reviewer uploads', 'rev', 'POST', '/api/encounters', 403],
    ['clinician deletes', 'ada', 'DELETE', '/api/encounters/{id}', 403],
    ['reviewer deletes', 'rev', 'DELETE', '/api/encounters/{id}', 403],
    ['clinician reads the audit log', 'ada', 'GET', '/api/audit', 403],
    ['reviewer reads the audit log', 'rev', 'GET', '/api/audit', 403],
  ])('role × route: %s → %i', async (_name, user, method, path, status) => {
    const res = await call(path.replace('{id}', id), user, { method, body: method === 'POST' ? TEXT : undefined });
    expect(res.status).toBe(status);
  });

  it('every PHI route writes exactly one audit record, with its outcome and no PHI', async () => {
    const routes: Array<[string, string, string, string?]> = [
      ['ada', `/api/encounters`, 'encounter.list'],
      ['ada', `/api/encounters/${id}`, 'encounter.read'],
      ['ada', `/api/encounters/${id}/status`, 'encounter.read'],
      ...['transcript', 'health', 'fhir', 'note', 'note.md', 'report', 'manifest'].map(
        (name): [string, string, string, string] => ['ada', `/api/encounters/${id}/${name}`, 'artifact.read', name],
      ),
      ['bo', `/api/encounters/${id}/note`, 'artifact.read', 'note'],
    ];
    for (const [user, path, action, detail] of routes) {
      const before = (await audit()).length;
      const res = await call(path, user);
      await res.arrayBuffer();
      const after = await audit();
      expect(after.length, path).toBe(before + 1);
      expect(after.at(-1), path).toMatchObject({
        action,
        actor: { id: `dev:${user}` },
        outcome: res.status === 200 ? 'success' : 'denied',
        ...(detail ? { detail } : {}),
      });
    }
    const dump = JSON.stringify(await audit());
    for (const phrase of ['dry cough', 'sore throat', 'five days']) expect(dump).not.toContain(phrase);
    expect((await audit()).filter((r) => r.action === 'encounter.upload' && r.encounterId === id)).toHaveLength(1);
  });

  it('an admin deletes; the delete is recorded', async () => {
    expect((await call(`/api/encounters/${id}`, 'ops', { method: 'DELETE' })).status).toBe(200);
    expect(await audit()).toContainEqual(
      expect.objectContaining({ action: 'encounter.delete', encounterId: id, outcome: 'success' }),
    );
  });
});
