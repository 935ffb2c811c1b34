import { NonRetriableError } from '../errors';
import type { Principal, Role } from './principal';

/** What a caller can ask for. */
export type Action =
  | 'encounter.upload'
  | 'encounter.list'
  | 'encounter.read'
  | 'review.requestChanges'
  | 'review.approve'
  | 'encounter.delete'
  | 'fhir.export'
  | 'audit.read'
  | 'dashboard';

/** Role → actions (DESIGN.md §7): clinicians upload, read and send notes back; reviewers approve and edit; admins all. */
const GRANTS: Record<Role, readonly Action[]> = {
  clinician: ['encounter.upload', 'encounter.list', 'encounter.read', 'review.requestChanges'],
  reviewer: ['encounter.list', 'encounter.read', 'review.requestChanges', 'review.approve', 'fhir.export'],
  admin: [
    'encounter.upload',
    'encounter.list',
    'encounter.read',
    'review.requestChanges',
    'review.approve',
    'encounter.delete',
    'fhir.export',
    'audit.read',
    'dashboard',
  ],
};

/** Who uploaded an encounter and the group it belongs to (kept with the encounter, ids only). */
export interface EncounterScope {
  ownerId: string;
  group?: string;
}

/** True when any of the caller's roles grants the action. */
export function can(principal: Principal, action: Action): boolean {
  return principal.roles.some((role) => GRANTS[role].includes(action));
}

/** Admins see every encounter; others their own and their groups'. */
export function inScope(principal: Principal, scope: EncounterScope | undefined): boolean {
  if (principal.roles.includes('admin')) return true;
  if (!scope) return false;
  return scope.ownerId === principal.id || (scope.group !== undefined && principal.groups.includes(scope.group));
}

/**
 * Throws `Forbidden` (403) unless the caller may do the action — on this encounter, when one is named. An encounter
 * out of scope answers `NotFound` so that ids of other groups' encounters cannot be probed.
 */
export function authorize(principal: Principal, action: Action, scope?: EncounterScope | null): void {
  if (!can(principal, action)) {
    throw new NonRetriableError(
      'Forbidden',
      `Your roles (${principal.roles.join(', ') || 'none'}) do not allow ${action}`,
    );
  }
  if (scope !== undefined && !inScope(principal, scope ?? undefined)) {
    throw new NonRetriableError('NotFound', 'No such encounter');
  }
}
