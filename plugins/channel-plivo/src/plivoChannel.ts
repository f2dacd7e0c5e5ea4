import {
  MonityError,
  type Channel,
  type ChannelMessage,
  type ChannelSendResult,
} from '@monity/core';
import type { Logger } from 'pino';
import { callbackUrl } from './callbackPaths.ts';
import { plivoSettingsSchema, readPlivoSettings, type PlivoSettings } from './plivoSettings.ts';

export interface PlivoConfig {
  apiUrl: string;
  timeoutMs: number;
}

/** Plivo's answers: `message_uuid` to a message, `request_uuid` to a call, `error` to neither. */
interface PlivoAnswer {
  message_uuid?: string[];
  request_uuid?: string;
  error?: unknown;
}

/**
 * SMS and voice calls through Plivo's REST API, called with fetch. The `plivo` package cannot
 * be pointed elsewhere for calls (it sends them to api.plivo.com whatever its `url` option
 * says) and repeats a call request that failed with a server error, which could ring a debtor
 * twice; so tests use it only as the reference for Plivo's signatures and XML.
 */
export function plivoChannel(config: PlivoConfig, logger: Logger): Channel {
  return {
    name: 'plivo',
    media: ['sms', 'voice'],
    settingsSchema: plivoSettingsSchema,
    async send(message, settings) {
      const account = readPlivoSettings(settings);
      const [resource, body] =
        message.medium === 'voice'
          ? ['Call', callRequest(message, account)]
          : ['Message', messageRequest(message, account)];
      const url = `${config.apiUrl.replace(/\/+$/, '')}/v1/Account/${account.authId}/${resource}/`;
      const basic = Buffer.from(`${account.authId}:${account.authToken}`).toString('base64');

      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        return failedRequest(error, message, logger);
      }
      return readAnswer(response, message, logger);
    },
  };
}

function messageRequest(message: ChannelMessage, account: PlivoSettings) {
  const base = { src: account.source, dst: message.to, text: message.body };
  if (!message.publicUrl || !message.accountId) return base;
  const ids = { accountId: message.accountId, messageId: message.id };
  return { ...base, url: callbackUrl('status', message.publicUrl, ids), method: 'POST' };
}

function callRequest(message: ChannelMessage, account: PlivoSettings) {
  if (!message.publicUrl || !message.accountId) {
    const problem = 'A Plivo call needs Monity reachable at a public address to read its text';
    throw new MonityError('plivo_no_public_url', problem, 400);
  }
  const ids = { accountId: message.accountId, messageId: message.id };
  return {
    from: account.source,
    to: message.to,
    answer_url: callbackUrl('answer', message.publicUrl, ids),
    answer_method: 'POST',
    hangup_url: callbackUrl('hangup', message.publicUrl, ids),
    hangup_method: 'POST',
  };
}

function failedRequest(error: unknown, message: ChannelMessage, logger: Logger) {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  // No connection was made, so nothing was sent; any later failure may follow Plivo's accepting.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    throw new MonityError('plivo_unreachable', `Plivo could not be reached (${code})`, 502);
  }
  logger.warn({ id: message.id, err: error }, 'Plivo request failed: outcome unknown');
  return { status: 'unknown' } satisfies ChannelSendResult;
}

async function readAnswer(
  response: Response,
  message: ChannelMessage,
  logger: Logger,
): Promise<ChannelSendResult> {
  let answer: PlivoAnswer = {};
  try {
    answer = JSON.parse(await response.text()) as PlivoAnswer;
  } catch {
    // Not JSON: the status alone decides.
  }

  const id = message.medium === 'voice' ? answer.request_uuid : answer.message_uuid?.[0];
  if (response.ok && id) return { status: 'queued', providerMessageId: id };
  if (response.status >= 400 && response.status < 500) {
    const error = typeof answer.error === 'string' ? answer.error : JSON.stringify(answer.error);
    const words = answer.error === undefined ? '' : `: ${error}`;
    throw new MonityError('plivo_refused', `Plivo refused it (${response.status})${words}`, 502);
  }
  logger.warn({ id: message.id, status: response.status }, 'Plivo answer unclear');
  return { status: 'unknown' };
}
