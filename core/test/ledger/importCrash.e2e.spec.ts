import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/database/embeddedPostgres.ts';
import { startMonity } from '../server/monityProcess.ts';
import { Browser, signUp } from '../access/accessTestKit.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from '../support/testDatabase.ts';
import { upload } from './importTestKit.ts';

const CUSTOMERS = 1_500;
const INVOICES_EACH = 10;
const ROWS = CUSTOMERS * INVOICES_EACH;

/** An invoice export of ROWS rows, ten per customer, in UTF-8 with commas. */
function invoiceFile(): Buffer {
  const lines = ['customer,name,number,issued,due,currency,amount'];
  for (let c = 0; c < CUSTOMERS; c++) {
    for (let i = 0; i < INVOICES_EACH; i++) {
      lines.push(`K${c},Firma ${c},FV/${c}/${i},2026-10-01,2026-10-15,PLN,${100 + i}.${c % 10}0`);
    }
  }
  return Buffer.from(lines.join('\n'));
}

const MAPPING = {
  rows: 'invoices',
  columns: {
    'customer.id': 'customer',
    'customer.name': 'name',
    'invoice.number': 'number',
    'invoice.issueDate': 'issued',
    'invoice.dueDate': 'due',
    'invoice.currency': 'currency',
    'invoice.amount': 'amount',
  },
};

describe('an import killed halfway', () => {
  let database: TestDatabase;
  let dataDir: string;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'monity-crash-'));
    pool = createTestPool(database.url, 2);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const env = {
      PORT: String(await findFreePort()),
      DATABASE_URL: database.url,
      MONITY_DATA_DIR: dataDir,
      MONITY_DEMO_TENANT: 'false',
      MONITY_SERVE_WEB: 'false',
      MONITY_IMPORT_LEASE_SECONDS: '2',
    };
    const monity = startMonity(env, dataDir);
    return { monity, url: await monity.url };
  };

  it(
    'resumes in the next process and ends with every record exactly once',
    { timeout: 120_000 },
    async () => {
      const first = await start();
      const { browser } = await signUp(first.url, 'Awaria');
      const uploaded = await upload(browser, first.url, 'faktury.csv', invoiceFile());
      const id = uploaded.body.id as string;
      expect(
        (await browser.request('POST', `/api/import-jobs/${id}/start`, { mapping: MAPPING }))
          .status,
      ).toBe(202);

      const progress = async (b: Browser) =>
        (await b.request('GET', `/api/import-jobs/${id}`)).body;
      await expect
        .poll(async () => (await progress(browser)).processedRows, {
          timeout: 60_000,
          interval: 20,
        })
        .toBeGreaterThan(0);
      first.monity.child.kill('SIGKILL');
      await first.monity.exited;
      const landed = (await progress(browser).catch(() => undefined)) === undefined;
      expect(landed).toBe(true); // the server is gone

      const { rows: atKill } = await pool.query<{ processed_rows: number }>(
        'SELECT processed_rows FROM import_jobs WHERE id = $1',
        [id],
      );
      expect(atKill[0]!.processed_rows).toBeLessThan(ROWS);

      const second = await start();
      const again = new Browser(second.url);
      again.cookie = browser.cookie;
      again.csrfToken = browser.csrfToken;
      await expect
        .poll(async () => (await progress(again)).status, { timeout: 60_000 })
        .toBe('done');
      expect(await progress(again)).toMatchObject({ processedRows: ROWS, rejected: 0 });

      const { rows } = await pool.query<{ issued: string; distinct: string; customers: string }>(
        `SELECT count(*) FILTER (WHERE type = 'InvoiceIssued') AS issued,
         count(DISTINCT data->>'sourceId') FILTER (WHERE type = 'InvoiceIssued') AS distinct,
         count(*) FILTER (WHERE type = 'CustomerRegistered') AS customers
       FROM events`,
      );
      expect(rows[0]).toEqual({
        issued: String(ROWS),
        distinct: String(ROWS),
        customers: String(CUSTOMERS),
      });
      await expect
        .poll(
          async () => (await pool.query('SELECT count(*)::int AS n FROM rm_invoices')).rows[0].n,
          { timeout: 30_000 },
        )
        .toBe(ROWS);

      second.monity.child.kill('SIGTERM');
      await second.monity.exited;
    },
  );
});
