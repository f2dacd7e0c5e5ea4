import { createHash } from 'node:crypto';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { ConflictError, MonityError } from '../errors.ts';
import type { HttpContext } from './appState.ts';

/** A first attempt that never recorded its answer (its process died) is taken over after this. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * Runs a request's work once per `Idempotency-Key`: a retry with the same key and body gets the
 * first answer again, marked `Idempotent-Replayed: true`; the same key with another body is
 * refused. Without the header the work simply runs. A failed attempt leaves no answer behind,
 * so it can be retried with the same key.
 */
export async function idempotent(
  ctx: HttpContext,
  tenantId: string,
  work: () => Promise<unknown>,
): Promise<unknown> {
  const key = ctx.get('idempotency-key');
  if (!key) return work();
  if (key.length > 200) {
    throw new MonityError(
      'idempotency_key_invalid',
      'An Idempotency-Key has at most 200 characters',
      400,
    );
  }
  const tenantDb = ctx.state.container.resolve<TenantDatabase>('tenantDb');
  const hash = createHash('sha256')
    .update(JSON.stringify(ctx.request.body ?? null))
    .digest('hex');
  const scope = { tenantId };

  const claimed = await tenantDb.transaction(scope, async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO idempotency_keys (tenant_id, key, request_hash, created_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (tenant_id, key) DO UPDATE SET created_at = now(), request_hash = $3
         WHERE idempotency_keys.status IS NULL
           AND idempotency_keys.created_at < now() - make_interval(secs => $4 / 1000.0)
       RETURNING key`,
      [tenantId, key, hash, ABANDONED_AFTER_MS],
    );
    if (rows.length > 0) return undefined;
    const existing = await tx.query<{
      request_hash: string;
      status: number | null;
      response: unknown;
    }>(
      `SELECT request_hash, status, response FROM idempotency_keys
       WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key],
    );
    return existing.rows[0];
  });

  if (claimed) {
    if (claimed.request_hash !== hash) {
      throw new MonityError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with another request body',
        422,
      );
    }
    if (claimed.status === null) {
      throw new ConflictError(
        'idempotency_key_in_use',
        'The first request with this key is still running',
      );
    }
    ctx.set('Idempotent-Replayed', 'true');
    ctx.status = claimed.status;
    return claimed.response;
  }

  try {
    const body = await work();
    await tenantDb.transaction(scope, (tx) =>
      tx.query(
        'UPDATE idempotency_keys SET status = $3, response = $4 WHERE tenant_id = $1 AND key = $2',
        [tenantId, key, ctx.status === 404 ? 200 : ctx.status, JSON.stringify(body)],
      ),
    );
    return body;
  } catch (error) {
    await tenantDb
      .transaction(scope, (tx) =>
        tx.query(
          'DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND status IS NULL',
          [tenantId, key],
        ),
      )
      .catch(() => undefined);
    throw error;
  }
}
