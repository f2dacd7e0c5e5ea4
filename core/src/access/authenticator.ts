import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import type { Principal } from './principal.ts';
import { permissionsOf, type Role } from './roles.ts';
import { hashSecret } from './secrets.ts';
import type { SessionTimeouts } from './sessions.ts';

/** API keys start with this, so leaked ones are easy to find in code and logs. */
export const API_KEY_PREFIX = 'mk_';
/** Last-seen and last-used times are kept to the minute: not every request has to write. */
const TOUCH_AFTER_MS = 60_000;

interface SessionRow {
  user_id: string;
  email: string;
  user_name: string;
  tenant_id: string;
  role: Role;
  csrf_token: string;
  last_seen_at: Date;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  last_used_at: Date | null;
}

/**
 * Finds who a request acts for. Both lookups read the current rows on every request, so a
 * disabled member, an ended session or a revoked key stops working at the next request.
 */
export class Authenticator {
  constructor(
    private readonly appPool: pg.Pool,
    private readonly tenantDb: TenantDatabase,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts,
  ) {}

  async bySession(cookie: string): Promise<Principal | undefined> {
    const idHash = hashSecret(cookie);
    const now = this.clock.now();
    const { rows } = await this.appPool.query<SessionRow>(
      'SELECT * FROM session_principal($1, $2, make_interval(mins => $3))',
      [idHash, now, this.timeouts.idleMinutes],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await this.appPool.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [
        idHash,
        now,
      ]);
    }
    return {
      kind: 'user',
      id: row.user_id,
      name: row.user_name,
      tenantId: row.tenant_id,
      role: row.role,
      permissions: permissionsOf(row.role),
      session: { idHash, csrfToken: row.csrf_token, email: row.email },
    };
  }

  async byApiKey(key: string): Promise<Principal | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const { rows } = await this.appPool.query<ApiKeyRow>('SELECT * FROM api_key_by_hash($1)', [
      hashSecret(key),
    ]);
    const row = rows[0];
    if (!row) return undefined;
    const now = this.clock.now();
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
      await this.tenantDb.transaction({ tenantId: row.tenant_id }, (tx) =>
        tx.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [row.id, now]),
      );
    }
    return {
      kind: 'api_key',
      id: row.id,
      name: row.name,
      tenantId: row.tenant_id,
      role: row.role,
      permissions: permissionsOf(row.role),
    };
  }
}
