import type { UserRole } from '../../store/index.js';

export const ROLES: readonly UserRole[] = Object.freeze(['owner', 'analyst', 'viewer']);

/**
 * What a role may do: `read` (every workspace page: viewer and above), `analyse` (waves, contacts, data,
 * weighting, publication: analyst and owner), `administer` (user accounts: owner only).
 */
export type Permission = 'read' | 'analyse' | 'administer';

const RANK: Readonly<Record<UserRole, number>> = { viewer: 1, analyst: 2, owner: 3 };
const NEEDS: Readonly<Record<Permission, number>> = { read: 1, analyse: 2, administer: 3 };

export function can(role: UserRole, permission: Permission): boolean {
  return RANK[role] >= NEEDS[permission];
}

export function isRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
