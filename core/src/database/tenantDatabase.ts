import type pg from 'pg';
import type {
  AppendResult,
  ExpectedVersion,
  NewEvent,
  PostgresEventStore,
} from '../eventStore/index.ts';
import { DatabaseError } from './databaseError.ts';

/** Whose data a transaction may touch: row-level security reads these two settings. */
export interface TenantScope {
  /** The tenant; `null` only where no tenant can be known yet (a login's first lookup). */
  tenantId: string | null;
  userId?: string | null;
}

/** A transaction of the application role, limited to one tenant's rows. */
export interface TenantTransaction {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
  /** Appends to a stream of the scope's tenant, committed with everything else or not at all. */
  append(
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;
  /**
   * Appends to many streams of the scope's tenant in one statement: for work that writes
   * hundreds of streams together (a collection run). Each stream appears once.
   */
  appendMany(appends: TenantStreamAppend[]): Promise<AppendResult[]>;
}

interface TenantStreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

/**
 * Runs request work as the application role (see docs/security.md): every transaction first
 * names its tenant and user with `set_config(..., true)`, which PostgreSQL forgets at commit, so
 * a pooled connection never carries one request's tenant into the next. Unset, the row-level
 * policies match no row at all.
 */
export class TenantDatabase {
  constructor(
    private readonly pool: pg.Pool,
    private readonly eventStore: PostgresEventStore,
  ) {}

  async transaction<T>(
    scope: TenantScope,
    work: (tx: TenantTransaction) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let appended = false;
    try {
      await client.query('BEGIN');
      await client.query(
        "SELECT set_config('monity.tenant_id', $1, true), set_config('monity.user_id', $2, true)",
        [scope.tenantId ?? '', scope.userId ?? ''],
      );
      const result = await work({
        query: (text, values) => client.query(text, values),
        append: (streamId, events, expectedVersion) => {
          if (!scope.tenantId) throw new Error('An append needs the tenant of its stream');
          appended = true;
          const stream = { tenantId: scope.tenantId, streamId };
          return this.eventStore.appendWithin(client, stream, events, { expectedVersion });
        },
        appendMany: (appends) => {
          const tenantId = scope.tenantId;
          if (!tenantId) throw new Error('An append needs the tenant of its stream');
          appended = true;
          return this.eventStore.appendManyWithin(
            client,
            appends.map(({ streamId, events, expectedVersion }) => ({
              stream: { tenantId, streamId },
              events,
              expectedVersion,
            })),
            { rowSecurity: true },
          );
        },
      });
      await client.query('COMMIT');
      if (appended) this.eventStore.committed();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw isPgError(error) ? new DatabaseError(error) : error;
    } finally {
      client.release();
    }
  }
}

function isPgError(error: unknown): boolean {
  return error instanceof Error && 'severity' in error && 'code' in error;
}
