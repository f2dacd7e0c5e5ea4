import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import {
  MonityError,
  type Channel,
  type ChannelMessage,
  type ChannelSendResult,
} from '@monity/core';
import type { Logger } from 'pino';
import {
  MAILGUN_HOSTS,
  mailgunSettingsSchema,
  readMailgunSettings,
  type MailgunSettings,
} from './mailgunSettings.ts';
import { MESSAGE_ID_VARIABLE } from './mailgunEvents.ts';

export interface MailgunConfig {
  apiUrl?: string;
  timeoutMs: number;
}

export function mailgunChannel(config: MailgunConfig, logger: Logger): Channel {
  const mailgun = new Mailgun(FormData);
  return {
    name: 'mailgun',
    media: ['email'],
    settingsSchema: mailgunSettingsSchema,
    async send(message, settings) {
      const account = readMailgunSettings(settings);
      const client = mailgun.client({
        username: 'api',
        key: account.apiKey,
        url: config.apiUrl ?? MAILGUN_HOSTS[account.region],
        timeout: config.timeoutMs,
      });
      try {
        const sent = await client.messages.create(account.domain, messageData(message, account));
        if (!sent.id) return unclear(message, logger, sent.status);
        return { status: 'queued', providerMessageId: sent.id };
      } catch (error) {
        return failed(error, message, logger);
      }
    },
  };
}

/**
 * One tag for all of Monity's mail (Mailgun limits how many distinct tags a domain has), and
 * the message's id as a user variable, which every webhook about the message carries back.
 */
function messageData(message: ChannelMessage, account: MailgunSettings) {
  return {
    from: account.fromName ? `${quoted(account.fromName)} <${account.from}>` : account.from,
    to: [message.to],
    subject: message.subject ?? '',
    text: message.body,
    ...(message.html ? { html: message.html } : {}),
    'o:tag': ['monity'],
    [`v:${MESSAGE_ID_VARIABLE}`]: message.id,
    ...(account.replyTo ? { 'h:Reply-To': account.replyTo } : {}),
  };
}

function quoted(name: string): string {
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * mailgun.js reports a failed connection as an APIError with status 400 whose message is the
 * network error's code (`ECONNREFUSED`, `ECONNABORTED` for a timeout), and Mailgun's refusals
 * with their HTTP status: the code tells the two apart. Tests pin this down for each case.
 */
function failed(error: unknown, message: ChannelMessage, logger: Logger): ChannelSendResult {
  const {
    status,
    message: words,
    details,
  } = error as {
    status?: number;
    message?: string;
    details?: string;
  };
  const networkCode = /^(E[A-Z]+|ERR_[A-Z_]+)$/.test(words ?? '') ? words : undefined;
  if (networkCode === 'ECONNREFUSED' || networkCode === 'ENOTFOUND') {
    throw new MonityError(
      'mailgun_unreachable',
      `Mailgun could not be reached (${networkCode})`,
      502,
    );
  }
  if (!networkCode && status && status >= 400 && status < 500) {
    const reason = details || words || '';
    throw new MonityError('mailgun_refused', `Mailgun refused it (${status}): ${reason}`, 502);
  }
  logger.warn({ id: message.id, status, code: networkCode }, 'Mailgun request failed');
  return { status: 'unknown' };
}

function unclear(message: ChannelMessage, logger: Logger, status: number): ChannelSendResult {
  logger.warn({ id: message.id, status }, 'Mailgun accepted the request without an id');
  return { status: 'unknown' };
}
