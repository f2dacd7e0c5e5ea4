import nodemailer from 'nodemailer';
import {
  MonityError,
  type Channel,
  type ChannelMessage,
  type ChannelSendResult,
} from '@monity/core';
import type { Logger } from 'pino';
import { readSmtpSettings, smtpSettingsSchema, type SmtpSettings } from './smtpSettings.ts';
import { protocolWatch } from './protocolWatch.ts';

export interface SmtpConfig {
  timeoutMs: number;
  /** Settings for messages that come without an account's: Monity's own e-mails. */
  server?: Record<string, unknown>;
}

/**
 * E-mail through a company's own mail server. One connection per message: reminders are few
 * enough, and a connection never outlives the settings it was opened with.
 */
export function smtpChannel(config: SmtpConfig, logger: Logger): Channel {
  return {
    name: 'smtp',
    media: ['email'],
    settingsSchema: smtpSettingsSchema,
    async send(message, settings) {
      const given = Object.keys(settings).length > 0 ? settings : (config.server ?? settings);
      const account = readSmtpSettings(given);
      const watch = protocolWatch(logger.child({ component: 'smtp', id: message.id }));
      const transport = nodemailer.createTransport({
        ...transportOptions(account, config.timeoutMs),
        logger: watch.logger,
      });
      try {
        const info = await transport.sendMail(mailOf(message, account));
        return { status: 'sent', providerMessageId: info.messageId };
      } catch (error) {
        return failed(error, watch.messageWritten(), message, logger);
      } finally {
        transport.close();
      }
    },
  };
}

export function transportOptions(account: SmtpSettings, timeoutMs: number) {
  return {
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    ...(account.user ? { auth: { user: account.user, pass: account.password ?? '' } } : {}),
    connectionTimeout: Math.min(timeoutMs, 30_000),
    greetingTimeout: Math.min(timeoutMs, 30_000),
    socketTimeout: timeoutMs,
  };
}

/**
 * The e-mail: text and HTML parts, and a Message-ID made from Monity's id, so that every try
 * of one message carries the same one and a recipient's server can tell a repeat.
 */
function mailOf(message: ChannelMessage, account: SmtpSettings) {
  const domain = account.from.slice(account.from.lastIndexOf('@') + 1);
  return {
    from: account.fromName ? { name: account.fromName, address: account.from } : account.from,
    to: message.to,
    ...(account.replyTo ? { replyTo: account.replyTo } : {}),
    subject: message.subject ?? '',
    text: message.body,
    ...(message.html ? { html: message.html } : {}),
    messageId: `<${message.id}@${domain}>`,
  };
}

/**
 * The server's refusal, or a failure before the whole message was written, means the message
 * was not taken. A failure after it was written (no answer to the final dot) may follow the
 * server's taking it: the outcome is unknown.
 */
function failed(
  error: unknown,
  messageWritten: boolean,
  message: ChannelMessage,
  logger: Logger,
): ChannelSendResult {
  const { code, command, responseCode, response } = error as {
    code?: string;
    command?: string;
    responseCode?: number;
    response?: string;
  };
  if (responseCode === undefined && messageWritten) {
    logger.warn({ id: message.id, code }, 'no answer after the message was sent: outcome unknown');
    return { status: 'unknown' };
  }
  if (responseCode === undefined) {
    const why = `${code ?? 'error'} at ${command ?? 'CONN'}: ${(error as Error).message}`;
    const words = `The mail server could not take the message (${why}); it was not handed over`;
    throw new MonityError('smtp_failed', words, 502);
  }
  const said = response ?? (error as Error).message;
  throw new MonityError('smtp_refused', `The mail server refused it at ${command}: ${said}`, 502);
}
