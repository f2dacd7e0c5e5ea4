import { EventTypeRegistry, PostgresEventStore } from '@monity/core';
import pg from 'pg';
import type { Logger } from 'pino';
import { invoiceIssuedType } from '../support/invoiceIssued.ts';

export interface OpenStore {
  store: PostgresEventStore;
  close(): Promise<void>;
}

/** Monity's store on its own pool of `connections`, accepting InvoiceIssued v1. */
export function openStore(url: string, connections: number, logger: Logger): OpenStore {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const store = new PostgresEventStore({
    pool,
    eventTypes: new EventTypeRegistry([invoiceIssuedType]),
    logger: logger.child({ component: 'events' }),
  });
  return {
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
