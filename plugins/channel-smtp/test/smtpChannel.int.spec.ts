import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '@monity/core';
import { loadChannelPlugin, type LoadedChannelPlugin } from '@monity/channel-testkit';
import { startMailServer, type MailServer } from './support/mailServer.ts';

const dir = fileURLToPath(new URL('..', import.meta.url));
const messageId = '01939a52-7c4e-7bb1-9d2f-3c5a8e0f1a2b';
const subject = 'Przypomnienie: faktura FV/7/2026 — 1 234,56 zł';
const text = 'Dzień dobry,\nuprzejmie przypominamy o płatności. Zażółć gęślą jaźń.';
const html = '<p>Dzień dobry, uprzejmie przypominamy o <b>płatności</b>. Zażółć gęślą jaźń.</p>';

let mailServer: MailServer;
let plugin: LoadedChannelPlugin;
let settings: Record<string, unknown>;

const message = (over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  id: messageId,
  tenantId: 'tenant-a',
  medium: 'email',
  to: 'jan.nowak@example.pl',
  subject,
  body: text,
  html,
  ...over,
});

beforeAll(async () => {
  mailServer = await startMailServer('windykacja', 'hasło-ą1');
  plugin = await loadChannelPlugin(dir, { config: { timeoutMs: 1000 } });
  settings = {
    host: '127.0.0.1',
    port: mailServer.port,
    security: 'none',
    user: 'windykacja',
    password: 'hasło-ą1',
    from: 'windykacja@firma.pl',
    fromName: 'Firma Kowalski Sp. z o.o.',
    replyTo: 'ksiegowosc@firma.pl',
  };
});
afterAll(async () => {
  await plugin.close();
  await mailServer.stop();
});

const send = (over: Partial<ChannelMessage> = {}, account = settings) =>
  plugin.channel('smtp').send(message(over), account);

describe('sending through a mail server', () => {
  it('logs in and delivers a text and HTML e-mail whose Message-ID is the message’s', async () => {
    const result = await send();
    const mail = await mailServer.nextMail();
    const parsed = await simpleParser(mail.raw);

    expect(result).toEqual({ status: 'sent', providerMessageId: `<${messageId}@firma.pl>` });
    expect(mail.user).toBe('windykacja');
    expect(mail.mailFrom).toBe('windykacja@firma.pl');
    expect(mail.rcptTo).toEqual(['jan.nowak@example.pl']);
    expect(parsed.messageId).toBe(`<${messageId}@firma.pl>`);
    expect(parsed.from?.value).toEqual([
      { name: 'Firma Kowalski Sp. z o.o.', address: 'windykacja@firma.pl' },
    ]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'jan.nowak@example.pl' }] });
    expect(parsed.replyTo).toMatchObject({ value: [{ address: 'ksiegowosc@firma.pl' }] });
    expect(parsed.subject).toBe(subject);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text?.trim()).toBe(text);
    expect(parsed.html).toBe(html);
  });

  it('gives every try of one message the same Message-ID', async () => {
    await send();
    await send();
    const [first, second] = await Promise.all([mailServer.nextMail(), mailServer.nextMail()]);

    expect((await simpleParser(first.raw)).messageId).toBe(`<${messageId}@firma.pl>`);
    expect((await simpleParser(second.raw)).messageId).toBe(`<${messageId}@firma.pl>`);
  });

  it('rejects a recipient the server refuses, in its words', async () => {
    await expect(send({ to: 'refuse.me@example.pl' })).rejects.toThrow(
      'The mail server refused it at RCPT TO: 550 <refuse.me@example.pl>: Recipient address rejected',
    );
  });

  it('rejects when the login is refused', async () => {
    await expect(send({}, { ...settings, password: 'wrong' })).rejects.toThrow(
      'refused it at AUTH PLAIN: 535 Invalid username or password',
    );
  });

  it('rejects when the server goes silent before the message was written', async () => {
    await expect(send({ to: 'stall@example.pl' })).rejects.toThrow(
      'could not take the message (ETIMEDOUT at CONN: Timeout); it was not handed over',
    );
  });

  it('says the outcome is unknown when the server goes silent after the message', async () => {
    const result = await send({ to: 'silent@example.pl' });
    const mail = await mailServer.nextMail();

    expect(result).toEqual({ status: 'unknown' });
    expect((await simpleParser(mail.raw)).text?.trim()).toBe(text);
  });

  it('rejects when no server listens', async () => {
    await expect(send({}, { ...settings, port: 1 })).rejects.toThrow('ECONNREFUSED');
  });
});

describe("Monity's own e-mails", () => {
  it('leave with the settings configured for the server when no account’s come', async () => {
    const own = await loadChannelPlugin(dir, { config: { server: settings } });

    const result = await own.channel('smtp').send(message({ tenantId: null }), {});
    const mail = await mailServer.nextMail();

    expect(result.status).toBe('sent');
    expect(mail.user).toBe('windykacja');
    await own.close();
  });

  it('stop the start when those settings are not valid', async () => {
    await expect(loadChannelPlugin(dir, { config: { server: { host: 'x' } } })).rejects.toThrow(
      "must have required property 'from'",
    );
  });
});
