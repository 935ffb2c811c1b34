import { describe, expect, it } from 'vitest';

import { type Action, authorize, can } from '../../../src/identity/authorize';
import type { Principal, Role } from '../../../src/identity/principal';

const who = (roles: Role[], groups: string[] = ['A'], id = 'me'): Principal => ({
  id,
  displayName: id,
  roles,
  groups,
  source: 'development',
});

const ACTIONS: Action[] = [
  'encounter.upload',
  'encounter.list',
  'encounter.read',
  'review.requestChanges',
  'review.approve',
  'encounter.delete',
  'fhir.export',
  'audit.read',
  'dashboard',
];
// One row per role: which actions it is granted, in ACTIONS order.
const MATRIX: Record<Role, string> = {
  clinician: 'YYYYNNNNN',
  reviewer: 'NYYYYNYNN',
  admin: 'YYYYYYYYY',
};

describe('authorize', () => {
  it.each(Object.entries(MATRIX))('role %s × every action', (role, row) => {
    const principal = who([role as Role]);
    expect(ACTIONS.map((a) => (can(principal, a) ? 'Y' : 'N')).join('')).toBe(row);
  });

  it('no role: every action forbidden (403)', () => {
    expect(() => authorize(who([]), 'encounter.list')).toThrow(expect.objectContaining({ code: 'Forbidden' }));
  });

  it('a clinician of group A cannot read group B’s encounter (answered as not found)', () => {
    const clinician = who(['clinician'], ['A']);
    expect(() => authorize(clinician, 'encounter.read', { ownerId: 'other', group: 'B' })).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    );
    expect(() => authorize(clinician, 'encounter.read', { ownerId: 'other', group: 'A' })).not.toThrow();
    expect(() => authorize(clinician, 'encounter.read', { ownerId: 'me' })).not.toThrow();
    expect(() => authorize(clinician, 'encounter.read', null)).toThrow(expect.objectContaining({ code: 'NotFound' }));
  });

  it('an admin reads every group', () => {
    expect(() => authorize(who(['admin'], []), 'encounter.read', { ownerId: 'x', group: 'B' })).not.toThrow();
  });
});
