import { randomUUID } from 'node:crypto';
import {
  EventTypeRegistry,
  ledgerEventTypes,
  messageEventTypes,
  PostgresEventStore,
} from '@monity/core';
import { createTestDatabase, createTestPool, type TestDatabase } from '@monity/core/testing';
import type pg from 'pg';
import { pino } from 'pino';
import { createPool, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderProjection } from '../src/analytics/reminderProjection.ts';
import { messageProjection } from '../src/messages/messageProjection.ts';
import { ProjectionRunner } from '../src/index.ts';

/**
 * The two read models behind the dashboard's collection figures, fed a log written here: every
 * way a message can end (refused, rejected, an outcome unknown then decided either way,
 * delivery reports arriving out of order), in a company whose day is New York's.
 */

let database: TestDatabase;
let pool: pg.Pool;
let db: DatabasePool;
let store: PostgresEventStore;
const tenantId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createTestPool(database.url, 5);
  db = await createPool(database.url, { maximumPoolSize: 3 });
  store = new PostgresEventStore({
    pool,
    eventTypes: new EventTypeRegistry([...ledgerEventTypes, ...messageEventTypes]),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 50,
  });
  await pool.query(
    `INSERT INTO tenants (id, name, tax_id, time_zone, created_at)
     VALUES ($1, 'Nowy Jork sp. z o.o.', '5260250274', 'America/New_York', now())`,
    [tenantId],
  );
  await writeLog();
});
afterAll(async () => {
  await store.close();
  await db.end();
  await pool.end();
  await database.drop();
});

const ids = {
  I1: randomUUID(),
  I2: randomUUID(),
  I3: randomUUID(),
  M1: randomUUID(),
  M2: randomUUID(),
  M3: randomUUID(),
  M4: randomUUID(),
  M5: randomUUID(),
  M6: randomUUID(),
  M7: randomUUID(),
};
const customerStream = 'customer-00000000-0000-4000-8000-000000000001';

async function append(streamId: string, type: string, data: object, occurredAt: string) {
  await store.append(
    { tenantId, streamId },
    [
      {
        id: randomUUID(),
        type,
        data,
        metadata: {
          tenantId,
          actor: { kind: 'system', id: 'test' },
          correlationId: randomUUID(),
          causationId: null,
          occurredAt,
        },
      },
    ],
    { expectedVersion: 'any' },
  );
}

const issue = (invoice: 'I1' | 'I2' | 'I3', currency: string, amount: number) =>
  append(
    customerStream,
    'InvoiceIssued',
    {
      invoiceId: ids[invoice],
      sourceId: invoice,
      number: `FV/${invoice}`,
      issueDate: '2026-04-01',
      dueDate: '2026-04-15',
      currency,
      amount,
    },
    '2026-05-01T12:00:00Z',
  );
const pay = (invoice: 'I1' | 'I2' | 'I3', amount: number, date: string, at: string) =>
  append(
    customerStream,
    'PaymentAllocated',
    {
      paymentId: randomUUID(),
      date,
      method: 'explicit',
      allocations: [{ invoiceId: ids[invoice], amount }],
    },
    at,
  );
const message = (id: keyof typeof ids, type: string, data: object, at: string) =>
  append(`message-${ids[id]}`, type, { messageId: ids[id], ...data }, at);
const queue = (
  id: keyof typeof ids,
  at: string,
  about: { purpose: string; invoices?: ('I1' | 'I2' | 'I3')[]; currency?: string },
  medium = 'email',
  channel = 'sandbox',
) =>
  message(
    id,
    'MessageQueued',
    {
      medium,
      channel,
      accountId: null,
      to: medium === 'email' ? 'kontakt@example.com' : '+12125550100',
      text: 'Przypomnienie',
      purpose: about.purpose,
      ...(about.invoices ? { invoiceIds: about.invoices.map((i) => ids[i]) } : {}),
      ...(about.currency ? { currency: about.currency } : {}),
    },
    at,
  );

/** New York is four hours behind UTC in May. Amounts in cents. */
async function writeLog() {
  await issue('I1', 'USD', 100_000);
  await issue('I2', 'USD', 50_000);
  await issue('I3', 'EUR', 20_000);
  // M1: the outcome unknown, then decided "sent" after a payment: it reminds of what was left.
  await queue('M1', '2026-05-04T12:00:00Z', { purpose: 'process', invoices: ['I1'] });
  await message('M1', 'MessageSent', { outcome: 'unknown' }, '2026-05-04T12:01:00Z');
  await pay('I1', 30_000, '2026-05-04', '2026-05-04T13:00:00Z');
  await message('M1', 'MessageOutcomeResolved', { decision: 'sent' }, '2026-05-04T14:00:00Z');
  await pay('I1', 20_000, '2026-05-06', '2026-05-06T12:00:00Z');
  // M2 refused, M3 rejected by a collector: neither was sent.
  await queue(
    'M2',
    '2026-05-06T12:00:00Z',
    { purpose: 'manual', invoices: ['I2'] },
    'sms',
    'smsapi',
  );
  await message('M2', 'MessageRefused', { reason: 'no credit' }, '2026-05-06T12:00:01Z');
  await queue('M3', '2026-05-06T13:00:00Z', { purpose: 'process', invoices: ['I2'] });
  await message(
    'M3',
    'MessageHeldForApproval',
    { notBefore: '2026-05-06T13:00:00Z' },
    '2026-05-06T13:00:00Z',
  );
  await message('M3', 'MessageRejected', {}, '2026-05-06T15:00:00Z');
  // M4: reports out of order, a late "delivered" after "opened".
  await queue(
    'M4',
    '2026-05-07T12:00:00Z',
    { purpose: 'process', invoices: ['I2'] },
    'email',
    'mailgun',
  );
  await message('M4', 'MessageSent', { outcome: 'queued' }, '2026-05-07T12:00:01Z');
  await message('M4', 'MessageOpened', { at: '2026-05-07T13:00:00Z' }, '2026-05-07T13:00:05Z');
  await message('M4', 'MessageDelivered', { at: '2026-05-07T12:00:30Z' }, '2026-05-07T13:00:06Z');
  // M5: a channel test.
  await queue('M5', '2026-05-07T12:00:00Z', { purpose: 'test' });
  await message('M5', 'MessageSent', { outcome: 'sent' }, '2026-05-07T12:00:01Z');
  // M6: unknown, sent again on a person's decision; a payment recorded in between lowers it.
  await queue('M6', '2026-05-08T12:00:00Z', { purpose: 'process', invoices: ['I3'] });
  await message('M6', 'MessageSent', { outcome: 'unknown' }, '2026-05-08T12:00:01Z');
  await message('M6', 'MessageOutcomeResolved', { decision: 'resend' }, '2026-05-09T09:00:00Z');
  await pay('I3', 5_000, '2026-05-08', '2026-05-09T12:00:00Z');
  await message('M6', 'MessageSent', { outcome: 'sent' }, '2026-05-10T12:00:00Z');
  await pay('I3', 15_000, '2026-05-12', '2026-05-12T12:00:00Z');
  // M7 leaves at 22:30 on 10 May in New York (11 May in UTC), then bounces.
  await queue(
    'M7',
    '2026-05-11T02:00:00Z',
    { purpose: 'process', invoices: ['I2'] },
    'voice',
    'plivo',
  );
  await message('M7', 'MessageSent', { outcome: 'sent' }, '2026-05-11T02:30:00Z');
  await message('M7', 'MessageBounced', { at: '2026-05-11T02:31:00Z' }, '2026-05-11T02:31:05Z');
  // Paid on the 10th: the day M7 was sent, and three days after M4.
  await pay('I2', 50_000, '2026-05-10', '2026-05-11T12:00:00Z');
}

async function project(batchSize: number) {
  await pool.query(`DELETE FROM projection_checkpoints`);
  for (const projection of [messageProjection, reminderProjection]) {
    for (const table of projection.tables) await pool.query(`DROP TABLE IF EXISTS ${table.name}`);
  }
  const runner = new ProjectionRunner({
    store,
    db,
    logger: pino({ level: 'silent' }),
    batchSize,
  });
  runner.register(messageProjection);
  runner.register(reminderProjection);
  await runner.start();
  await runner.caughtUp();
  await runner.stop();
  const rows = async (query: string) => (await pool.query(query)).rows;
  return {
    days: await rows(`SELECT sent_day::text AS day, currency, reminders, reminded::int
      FROM rm_reminder_days ORDER BY 1, 2`),
    paid: await rows(`SELECT sent_day::text AS day, currency, days_after, paid::int
      FROM rm_reminder_paid ORDER BY 1, 2, 3`),
    messageDays: await rows(`SELECT day::text, medium, channel, status, messages
      FROM rm_message_days WHERE messages <> 0 ORDER BY 1, 2, 3, 4`),
    // The same from the message log: each message once, on its day in New York.
    messageLog: await rows(`SELECT (created_at AT TIME ZONE 'America/New_York')::date::text AS day,
        medium, channel, status, count(*)::int AS messages
      FROM rm_messages WHERE purpose <> 'test' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
    messages: await rows(`SELECT message_id, status, status_rank, detail, provider_message_id
      FROM rm_messages ORDER BY 1`),
    history: await rows(`SELECT message_id, version, status, detail
      FROM rm_message_history ORDER BY 1, 2`),
  };
}

describe('the reminder and message day read models', () => {
  it('count each reminder sent, what it reminded of and what was paid after it', async () => {
    const model = await project(1_000);
    expect(model.days).toEqual([
      { day: '2026-05-04', currency: 'USD', reminders: 1, reminded: 70_000 },
      { day: '2026-05-07', currency: 'USD', reminders: 1, reminded: 50_000 },
      { day: '2026-05-10', currency: 'EUR', reminders: 1, reminded: 15_000 },
      { day: '2026-05-10', currency: 'USD', reminders: 1, reminded: 50_000 },
    ]);
    expect(model.paid).toEqual([
      { day: '2026-05-04', currency: 'USD', days_after: 2, paid: 20_000 },
      { day: '2026-05-07', currency: 'USD', days_after: 3, paid: 50_000 },
      { day: '2026-05-10', currency: 'EUR', days_after: 2, paid: 15_000 },
      { day: '2026-05-10', currency: 'USD', days_after: 0, paid: 50_000 },
    ]);
  });

  it('count messages by day, medium, channel and current status, as the log has them', async () => {
    const model = await project(1_000);
    expect(model.messageDays).toEqual(model.messageLog);
    expect(model.messageDays).toEqual([
      { day: '2026-05-04', medium: 'email', channel: 'sandbox', status: 'sent', messages: 1 },
      { day: '2026-05-06', medium: 'email', channel: 'sandbox', status: 'rejected', messages: 1 },
      { day: '2026-05-06', medium: 'sms', channel: 'smsapi', status: 'refused', messages: 1 },
      { day: '2026-05-07', medium: 'email', channel: 'mailgun', status: 'opened', messages: 1 },
      { day: '2026-05-08', medium: 'email', channel: 'sandbox', status: 'sent', messages: 1 },
      { day: '2026-05-10', medium: 'voice', channel: 'plivo', status: 'bounced', messages: 1 },
    ]);
  });

  it('come out the same whatever the size of the batches they are applied in', async () => {
    expect(await project(1)).toEqual(await project(1_000));
    expect(await project(4)).toEqual(await project(1_000));
  });
});
