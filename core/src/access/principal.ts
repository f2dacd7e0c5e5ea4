import type { Permission, Role } from './roles.ts';

/** Who a request acts for, and within which tenant, once it is authenticated. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user's or the API key's id. */
  id: string;
  name: string;
  tenantId: string;
  role: Role;
  permissions: readonly Permission[];
  /** Present when authenticated by session cookie: writes must echo it (CSRF). */
  session?: { idHash: string; csrfToken: string; email: string };
}
