import {
  MonityError,
  type Channel,
  type ChannelMessage,
  type ChannelSendResult,
} from '@monity/core';
import type { Logger } from 'pino';
import { idxOf, notifyUrl } from './callbackAddress.ts';
import { readSmsapiSettings, smsapiSettingsSchema, type SmsapiSettings } from './smsapiSettings.ts';

export interface SmsapiConfig {
  apiUrl?: string;
  timeoutMs: number;
}

/** SMSAPI's answer to `sms.do` with `format=json`: a list of messages, or an error. */
interface SendAnswer {
  list?: { id?: string; error?: number | null }[];
  error?: number;
  message?: string;
}

/** `check_idx=1` found the `idx` already sent: an earlier try of this very message went out. */
const DUPLICATE_IDX = 53;
/** SMSAPI's own failures, after which it cannot be said whether the message was taken. */
const INTERNAL_ERRORS = new Set([201, 999]);

export function smsapiChannel(config: SmsapiConfig, logger: Logger): Channel {
  return {
    name: 'smsapi',
    media: ['sms'],
    settingsSchema: smsapiSettingsSchema,
    async send(message, settings) {
      const account = readSmsapiSettings(settings);
      const form = sendForm(message, account, logger);
      const base = config.apiUrl ?? account.baseUrl;

      let response: Response;
      try {
        response = await fetch(new URL('sms.do', base.endsWith('/') ? base : `${base}/`), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${account.token}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        return failedRequest(error, message, logger);
      }
      return readAnswer(response, message, logger);
    },
  };
}

function sendForm(message: ChannelMessage, account: SmsapiSettings, logger: Logger) {
  const form = new URLSearchParams({
    to: message.to.replace(/^\+/, ''),
    message: message.body,
    from: account.sender,
    format: 'json',
    encoding: 'utf-8',
  });
  const idx = idxOf(message.id);
  if (idx) {
    form.set('idx', idx);
    form.set('check_idx', '1');
  }
  if (message.publicUrl && message.accountId) {
    form.set('notify_url', notifyUrl(message.publicUrl, message.accountId, account.token));
  } else {
    logger.debug({ id: message.id }, 'no public address: SMSAPI sends no delivery report');
  }
  return form;
}

function failedRequest(error: unknown, message: ChannelMessage, logger: Logger) {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  // No connection was made, so nothing was sent; any later failure may follow SMSAPI's accepting.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    throw new MonityError('smsapi_unreachable', `SMSAPI could not be reached (${code})`, 502);
  }
  logger.warn({ id: message.id, err: error }, 'SMSAPI request failed: outcome unknown');
  return { status: 'unknown' } satisfies ChannelSendResult;
}

async function readAnswer(
  response: Response,
  message: ChannelMessage,
  logger: Logger,
): Promise<ChannelSendResult> {
  let answer: SendAnswer | undefined;
  try {
    answer = JSON.parse(await response.text()) as SendAnswer;
  } catch {
    answer = undefined;
  }

  const id = answer?.list?.[0]?.id;
  const itemError = answer?.list?.[0]?.error;
  if (response.ok && id && !itemError) return { status: 'queued', providerMessageId: id };

  const code = answer?.error ?? itemError ?? undefined;
  if (code === DUPLICATE_IDX) {
    logger.info({ id: message.id }, 'SMSAPI had this message already: it was sent before');
    return { status: 'queued' };
  }
  if (typeof code === 'number' && !INTERNAL_ERRORS.has(code)) {
    const words = answer?.message ? ` ${answer.message}` : '';
    throw new MonityError('smsapi_refused', `SMSAPI refused the message: ${code}${words}`, 502);
  }
  if (response.status >= 400 && response.status < 500 && code === undefined) {
    throw new MonityError('smsapi_refused', `SMSAPI refused the request: ${response.status}`, 502);
  }
  logger.warn({ id: message.id, status: response.status, code }, 'SMSAPI answer unclear');
  return { status: 'unknown' };
}
