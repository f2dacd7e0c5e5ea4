/** The roles of a tenant's members, most powerful first. docs/security.md shows the matrix. */
export const ROLES = ['owner', 'admin', 'collector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** API keys act for an integration, never as an owner. */
export const API_KEY_ROLES = ['admin', 'collector', 'viewer'] as const;

const PERMISSIONS = [
  'tenant.manage',
  'users.read',
  'users.manage',
  'api_keys.manage',
  'audit.read',
  'mailbox.read',
  'operations.manage',
  'ledger.read',
  'ledger.write',
  'ledger.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: [
    'tenant.manage',
    'users.read',
    'users.manage',
    'api_keys.manage',
    'audit.read',
    'mailbox.read',
    'ledger.read',
    'ledger.write',
    'ledger.configure',
  ],
  collector: ['users.read', 'mailbox.read', 'ledger.read', 'ledger.write'],
  viewer: ['users.read', 'mailbox.read', 'ledger.read'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

/** Whether a member of `actor` role may give or take away `target` role. */
export function mayAssign(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && target !== 'owner';
}
