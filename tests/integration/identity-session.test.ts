import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestHost } from '../helpers/hostHarness';
import { startPipelineHost } from './pipeline-helpers';

// The real app on the embedded host in development sign-in mode: keys still work, named users sign in.
describe('identity: development sign-in, session and audit log', () => {
  let host: TestHost;
  const auditDir = mkdtempSync(join(tmpdir(), 'clinscribe-audit-it-'));
  beforeAll(async () => {
    host = await startPipelineHost({
      AUTH_MODE: 'development',
      DEV_USERS: JSON.stringify([
        { name: 'dr.ada', roles: ['clinician'], groups: ['cardiology'] },
        { name: 'ops', roles: ['admin'] },
      ]),
      AUDIT_STORE: 'sqlite',
      AUDIT_SQLITE_PATH: join(auditDir, 'audit.db'),
    });
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    rmSync(auditDir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit & { bearer?: string } = {}) =>
    fetch(`${host.baseUrl}${path}`, {
      ...init,
      headers: {
        'x-functions-key': host.keys.functionKeys.default!,
        ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const signIn = async (name: string) => {
    const res = await call('/api/session/development', { method: 'POST', body: JSON.stringify({ name }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };

  it('a key alone is the key holder; a signed-in development user is named with their roles', async () => {
    const keyOnly = (await (await call('/api/session')).json()) as { mode: string; principal: { id: string } };
    expect(keyOnly).toMatchObject({ mode: 'development', principal: { id: 'key:function' } });
    const token = await signIn('dr.ada');
    const session = (await (await call('/api/session', { bearer: token })).json()) as Record<string, unknown>;
    expect(session.principal).toMatchObject({ id: 'dev:dr.ada', roles: ['clinician'], groups: ['cardiology'] });
  });

  it.each([
    ['an unknown user', JSON.stringify({ name: 'mallory' }), 401, 'Unauthenticated'],
    ['a body that is not JSON', 'name=ops', 400, 'InvalidRequest'],
    ['a body without a name', '{}', 400, 'InvalidRequest'],
  ])('refuses sign-in with %s', async (_name, body, status, code) => {
    const res = await call('/api/session/development', { method: 'POST', body });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('a forged or expired bearer is 401 even with a valid key', async () => {
    const res = await call('/api/session', { bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoib3BzIn0.c2lnbmF0dXJl' });
    expect(res.status).toBe(401);
  });

  it('only admins read the audit log; reading it is recorded and exports as FHIR AuditEvents', async () => {
    const clinician = await call('/api/audit', { bearer: await signIn('dr.ada') });
    expect(clinician.status).toBe(403);
    const admin = await signIn('ops');
    const res = await call('/api/audit', { bearer: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: Array<{ action: string; actor: { id: string } }> };
    expect(body.records).toContainEqual(
      expect.objectContaining({ action: 'audit.read', actor: expect.objectContaining({ id: 'dev:ops' }) }),
    );
    const fhir = (await (await call('/api/audit?format=fhir', { bearer: admin })).json()) as {
      resourceType: string;
      entry: Array<{ resource: { resourceType: string } }>;
    };
    expect(fhir.resourceType).toBe('Bundle');
    expect(fhir.entry.length).toBeGreaterThanOrEqual(2);
    expect(fhir.entry.every((e) => e.resource.resourceType === 'AuditEvent')).toBe(true);
    expect((await call('/api/audit?from=yesterday', { bearer: admin })).status).toBe(400);
  });
});
