import { randomBytes } from 'node:crypto';
import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelAccounts } from '../../src/channels/channelAccounts.ts';
import { ServerDeliveries } from '../../src/channels/deliveries.ts';
import { SecretBox } from '../../src/channels/secretBox.ts';
import { EventTypeRegistry, PostgresEventStore } from '../../src/eventStore/index.ts';
import { messageEventTypes } from '../../src/messages/messageEvents.ts';

let access: AccessServer;
let pool: pg.Pool;
let deliveries: ServerDeliveries;
beforeAll(async () => {
  access = await startAccessServer();
  pool = new pg.Pool({ connectionString: access.database.url });
  const eventStore = new PostgresEventStore({
    pool,
    eventTypes: new EventTypeRegistry(messageEventTypes),
    logger: pino({ level: 'silent' }),
  });
  deliveries = new ServerDeliveries({
    pool,
    eventStore,
    accounts: new ChannelAccounts(new SecretBox(randomBytes(32)), new Map()),
    clock: { now: () => new Date() },
  });
});
afterAll(async () => {
  await pool.end();
  await access.close();
});

describe('the message log', () => {
  it('keeps a test message sent through the sandbox, and what its provider reports', async () => {
    const { browser } = await signUp(access.server.url, 'Wiadomości');
    const refused = await browser.request('POST', '/api/messages/test', {
      medium: 'sms',
      to: 'nie numer',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ pointer: '/body/to', detail: 'is not a phone number' }]);

    const sent = await browser.request('POST', '/api/messages/test', {
      medium: 'sms',
      to: '600 100 200',
    });
    expect(sent.body).toMatchObject({ status: 'sent' });
    const id = sent.body.messageId;
    await expect
      .poll(async () => (await browser.request('GET', `/api/messages/${id}`)).body.status)
      .toBe('sent');
    const mailbox = (await browser.request('GET', '/api/mailbox')).body.messages;
    expect(mailbox[0]).toMatchObject({ channel: 'sms', to: '+48600100200' });

    const found = await deliveries.message({ messageId: id });
    expect(found).toMatchObject({ medium: 'sms', body: expect.stringContaining('testowa') });
    const report = { messageId: id, status: 'delivered' as const, at: new Date().toISOString() };
    await deliveries.record(report);
    await deliveries.record(report);
    await expect
      .poll(async () => (await browser.request('GET', `/api/messages/${id}`)).body.status)
      .toBe('delivered');
    const message = (await browser.request('GET', `/api/messages/${id}`)).body;
    // What it said comes from its MessageQueued event; an SMS has no HTML.
    expect(message).toMatchObject({ text: expect.stringContaining('testowa'), html: null });
    expect(message.history.map((h: { status: string }) => h.status)).toEqual([
      'queued',
      'sent',
      'delivered',
    ]);
    // The queuing is the message's own row, shown first in its history.
    expect(message.history[0]).toEqual({ status: 'queued', at: message.createdAt, detail: null });
    const log = (await browser.request('GET', '/api/messages?medium=sms')).body;
    expect(log.items.map((m: { id: string }) => m.id)).toEqual([id]);

    expect(await deliveries.firstSeen('test', 'token-1', 60)).toBe(true);
    expect(await deliveries.firstSeen('test', 'token-1', 60)).toBe(false);
  });
});
