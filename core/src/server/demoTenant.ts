import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { registerTenant } from '../access/tenantRegistration.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import type { EventStore } from '../eventStore/index.ts';
import type { LedgerWriter } from '../ledger/ledgerWriter.ts';

export interface DemoLogin {
  email: string;
  password: string;
  tenantId: string;
}

/** What a demo ledger is written with: the company, the ledger's writer and the event store. */
export interface DemoServices {
  tenantId: string;
  writer: LedgerWriter;
  eventStore: EventStore;
  /** The company's today, YYYY-MM-DD. */
  today: string;
}

/** Fills the demo company's ledger; `npm start` passes one made from the demo generator. */
export type DemoLedger = (services: DemoServices) => Promise<void>;

const DEMO = {
  companyName: 'Demo Hurtownia sp. z o.o.',
  taxId: '5260250274',
  name: 'Anna Demo',
  email: 'demo@monity.local',
  language: 'pl' as const,
};

const DEMO_ADDRESS = {
  street: 'ul. Przemysłowa 12',
  postalCode: '30-701',
  city: 'Kraków',
  country: 'PL',
};

/**
 * On a database without any company, creates a demo company and its owner with a fresh random
 * password, so a first `npm start` can be logged into at once. Later starts leave it alone.
 */
export async function createDemoTenant(services: {
  pgPool: pg.Pool;
  tenantDb: TenantDatabase;
  clock: Clock;
  logger: Logger;
}): Promise<DemoLogin | undefined> {
  const { rows } = await services.pgPool.query('SELECT 1 FROM tenants LIMIT 1');
  if (rows.length > 0) return undefined;

  const password = randomBytes(9).toString('base64url');
  const { tenantId } = await registerTenant(
    services.tenantDb,
    { ...DEMO, password },
    {
      requestId: 'first-run',
      ip: '127.0.0.1',
      clock: services.clock,
    },
  );
  // Letters name the creditor's address and account; the account is the IBAN standard's own
  // example number, not a real company's.
  await services.pgPool.query('UPDATE tenants SET address = $2, bank_accounts = $3 WHERE id = $1', [
    tenantId,
    JSON.stringify(DEMO_ADDRESS),
    JSON.stringify([
      { iban: 'PL61109010140000071219812874', bankName: 'Bank Demo', currency: 'PLN' },
    ]),
  ]);
  services.logger.info({ email: DEMO.email }, 'demo company created');
  return { email: DEMO.email, password, tenantId };
}
