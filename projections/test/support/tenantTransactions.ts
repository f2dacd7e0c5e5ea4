import type { TenantDatabase, TenantTransaction } from '@monity/core';
import type pg from 'pg';

/**
 * Tenant transactions over a test pool, set up as the server's are (the tenant named with
 * `set_config`, so the row-level policies apply), for reads a test makes beside the server.
 * They append nothing.
 */
export function readingTenantDb(pool: pg.Pool): TenantDatabase {
  const db = {
    async transaction<T>(
      scope: { tenantId?: string },
      work: (tx: TenantTransaction) => Promise<T>,
    ) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('monity.tenant_id', $1, true)", [scope.tenantId]);
        const result = await work({
          query: (text, values) => client.query(text, values),
          append: () => Promise.reject(new Error('This test database only reads')),
          appendMany: () => Promise.reject(new Error('This test database only reads')),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
  // TenantDatabase is a class with private members; this stands in for its one method.
  return db as unknown as TenantDatabase;
}
