import type { Clock } from '../clock.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { hashSecret, newSecret } from './secrets.ts';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

/** A session as its cookie value (given to the browser once) and its stored hash. */
export interface NewSession {
  cookie: string;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Always a fresh id: a login never reuses a session, so a planted cookie is worth nothing. */
export async function createSession(
  tx: TenantTransaction,
  userId: string,
  tenantId: string,
  { clock, timeouts }: { clock: Clock; timeouts: SessionTimeouts },
): Promise<NewSession> {
  const cookie = newSecret();
  const idHash = hashSecret(cookie);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + timeouts.absoluteHours * 3_600_000);
  const csrfToken = newSecret();
  await tx.query(
    `INSERT INTO sessions (id_hash, user_id, current_tenant_id, csrf_token, created_at,
       last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)`,
    [idHash, userId, tenantId, csrfToken, now, expiresAt],
  );
  return { cookie, idHash, csrfToken, expiresAt };
}

export async function endSession(db: TenantTransaction, idHash: string) {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** Ends a person's sessions, all of them or those inside one tenant. */
export async function endSessionsOf(tx: TenantTransaction, userId: string, tenantId?: string) {
  await tx.query(
    'DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR current_tenant_id = $2)',
    [userId, tenantId ?? null],
  );
}
