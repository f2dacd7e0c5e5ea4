import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelAccounts } from '../../src/channels/channelAccounts.ts';
import { SecretBox } from '../../src/channels/secretBox.ts';
import { systemClock } from '../../src/clock.ts';
import { TenantDatabase } from '../../src/database/tenantDatabase.ts';
import { Dispatcher, type DispatchOptions } from '../../src/dispatch/dispatcher.ts';
import { EventTypeRegistry, PostgresEventStore } from '../../src/eventStore/index.ts';
import { messageEventTypes } from '../../src/messages/messageEvents.ts';
import { MessageSender } from '../../src/messages/messageSender.ts';
import type { Channel, ChannelMessage, ChannelSendResult } from '../../src/plugins/index.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from '../support/testDatabase.ts';

/** A channel that answers as the running test scripts it, counting each hand-over. */
type Script = (message: ChannelMessage, call: number) => Promise<ChannelSendResult>;
const calls = new Map<string, number>();
let script: Script = async () => ({ status: 'sent' });
const scripted: Channel = {
  name: 'scripted',
  media: ['email'],
  send: (message) => {
    const call = (calls.get(message.id) ?? 0) + 1;
    calls.set(message.id, call);
    return script(message, call);
  },
};

const OPTIONS: DispatchOptions = {
  concurrency: 2,
  leaseSeconds: 2,
  maxAttempts: 3,
  retryBaseMs: 80,
  retryCapMs: 200,
  pollMs: 50,
};
const command = {
  actor: { kind: 'user' as const, id: randomUUID() },
  requestId: randomUUID(),
  ip: '127.0.0.1',
  clock: systemClock,
};
const silent = pino({ level: 'silent' });

let database: TestDatabase;
let pool: pg.Pool;
let appPool: pg.Pool;
let eventStore: PostgresEventStore;
let tenantDb: TenantDatabase;
let accounts: ChannelAccounts;
let dispatcher: Dispatcher;
let sender: MessageSender;
const tenantId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createTestPool(database.url, 5);
  appPool = new pg.Pool({ connectionString: database.url, max: 5, options: '-c role=monity_app' });
  appPool.on('error', () => undefined);
  eventStore = new PostgresEventStore({
    pool,
    eventTypes: new EventTypeRegistry(messageEventTypes),
    logger: silent,
  });
  tenantDb = new TenantDatabase(appPool, eventStore);
  accounts = new ChannelAccounts(new SecretBox(randomBytes(32)), new Map([['scripted', scripted]]));
  await pool.query(
    `INSERT INTO tenants (id, name, tax_id, created_at) VALUES ($1, $2, $3, now())`,
    [tenantId, 'Wysyłka', '5260001246'],
  );
  await tenantDb.transaction({ tenantId }, (tx) =>
    accounts.create(tx, tenantId, { channel: 'scripted', name: 'Skrypt', defaultFor: ['email'] }),
  );
  dispatcher = new Dispatcher({
    pgPool: pool,
    tenantDb,
    accounts,
    clock: systemClock,
    logger: silent,
    publicUrl: undefined,
    options: OPTIONS,
  });
  sender = new MessageSender({
    tenantDb,
    accounts,
    publicUrl: undefined,
    onEnqueued: () => dispatcher.wake(),
  });
  dispatcher.start();
});
afterEach(() => {
  script = async () => ({ status: 'sent' });
});
afterAll(async () => {
  await dispatcher.stop();
  await eventStore.close();
  await appPool.end();
  await pool.end();
  await database.drop();
});

const enqueue = async (notBefore?: Date) =>
  (
    await sender.enqueue(
      command,
      tenantId,
      {
        medium: 'email',
        to: 'dluznik@example.pl',
        text: 'Przypomnienie',
        about: { purpose: 'manual' },
      },
      notBefore ? { notBefore } : {},
    )
  ).messageId;

const row = async (id: string) =>
  (
    await pool.query<{ state: string; outcome: string | null; attempts: number }>(
      'SELECT state, outcome, attempts FROM outbox WHERE message_id = $1',
      [id],
    )
  ).rows[0]!;

const settled = (id: string) =>
  expect.poll(async () => (await row(id)).state, { timeout: 10_000, interval: 25 }).toBe('done');

const history = async (id: string) =>
  (await eventStore.readStream({ tenantId, streamId: `message-${id}` })).map((e) => ({
    type: e.type,
    ...(e.data as object),
  }));

describe('the outbox dispatcher', () => {
  it('hands a queued message to its channel once and records it sent', async () => {
    const id = await enqueue();
    await settled(id);

    expect(await row(id)).toEqual({ state: 'done', outcome: 'sent', attempts: 1 });
    expect(calls.get(id)).toBe(1);
    expect((await history(id)).map((e) => e.type)).toEqual(['MessageQueued', 'MessageSent']);
    expect((await history(id))[1]).toMatchObject({ outcome: 'sent', attempt: 1 });
  });

  it('retries a refusal that sent nothing, with growing delays, until the channel takes it', async () => {
    script = async (_message, call) => {
      if (call < 3) throw new Error(`busy, try later (${call})`);
      return { status: 'queued', providerMessageId: 'p-1' };
    };
    const id = await enqueue();
    await settled(id);

    const events = await history(id);
    expect(events.map((e) => e.type)).toEqual([
      'MessageQueued',
      'MessageRetryScheduled',
      'MessageRetryScheduled',
      'MessageSent',
    ]);
    expect(events[1]).toMatchObject({ attempt: 1, reason: 'busy, try later (1)' });
    expect(events[2]).toMatchObject({ attempt: 2, reason: 'busy, try later (2)' });
    expect(events[3]).toMatchObject({ outcome: 'queued', attempt: 3, providerMessageId: 'p-1' });
    expect(await row(id)).toEqual({ state: 'done', outcome: 'sent', attempts: 3 });
    expect(calls.get(id)).toBe(3);
  });

  it('gives up after the last attempt with the refusal as its reason', async () => {
    script = async () => {
      throw new Error('provider down');
    };
    const id = await enqueue();
    await settled(id);

    expect((await history(id)).at(-1)).toMatchObject({
      type: 'MessageRefused',
      attempt: 3,
      reason: 'provider down',
    });
    expect(await row(id)).toEqual({ state: 'done', outcome: 'refused', attempts: 3 });
  });

  it('does not retry a refusal the channel marks permanent', async () => {
    script = async () => {
      throw Object.assign(new Error('no such mailbox'), { permanent: true });
    };
    const id = await enqueue();
    await settled(id);

    expect((await history(id)).map((e) => e.type)).toEqual(['MessageQueued', 'MessageRefused']);
    expect(calls.get(id)).toBe(1);
  });

  it('leaves an unknown outcome for a person and never hands the message over again', async () => {
    script = async () => ({ status: 'unknown' });
    const id = await enqueue();
    await settled(id);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await row(id)).toEqual({ state: 'done', outcome: 'unknown', attempts: 1 });
    expect((await history(id)).at(-1)).toMatchObject({ type: 'MessageSent', outcome: 'unknown' });
    expect(calls.get(id)).toBe(1);
  });

  it('holds a message until its time', async () => {
    const id = await enqueue(new Date(Date.now() + 700));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.get(id)).toBeUndefined();

    await settled(id);
    expect(calls.get(id)).toBe(1);
  });

  it('marks unknown, not resends, a hand-over whose process stalled past its lease', async () => {
    let answer: (result: ChannelSendResult) => void = () => undefined;
    script = () => new Promise((resolve) => (answer = resolve));
    const id = await enqueue();
    await expect.poll(() => calls.get(id), { timeout: 5_000 }).toBe(1);
    const other = new Dispatcher({
      pgPool: pool,
      tenantDb,
      accounts,
      clock: systemClock,
      logger: silent,
      publicUrl: undefined,
      options: OPTIONS,
    });
    other.start();
    try {
      await settled(id);
      expect(await row(id)).toMatchObject({ outcome: 'unknown' });
      expect((await history(id)).at(-1)).toMatchObject({ type: 'MessageOutcomeUnknown' });

      // The stalled hand-over ends after all: what it learnt is recorded over the guess.
      answer({ status: 'sent', providerMessageId: 'late-1' });
      await expect
        .poll(async () => (await history(id)).at(-1)?.type, { timeout: 5_000 })
        .toBe('MessageSent');
      expect(await row(id)).toMatchObject({ state: 'done', outcome: 'sent' });
      expect(calls.get(id)).toBe(1);
    } finally {
      await other.stop();
    }
  });
});
