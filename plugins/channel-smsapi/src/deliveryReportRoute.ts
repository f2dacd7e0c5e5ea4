import type { Logger } from 'pino';
import {
  MonityError,
  defineRoute,
  type Deliveries,
  type ChannelPluginContext,
  type DeliveryReport,
  type RouteDefinition,
} from '@monity/core';
import { CALLBACK_PATH, isCallbackToken, messageIdOfIdx } from './callbackAddress.ts';
import { reportStatusOf } from './smsapiStatus.ts';

type Query = Record<string, string | string[] | undefined>;

/** One message's report; SMSAPI may send several in one call, as comma-separated lists. */
interface SmsapiReport {
  msgId: string;
  code: string;
  idx?: string;
  doneDate?: string;
  statusName?: string;
}

/** The address SMSAPI calls (`notify_url`) with the delivery report of each message. */
export function deliveryReportRoute(
  container: ChannelPluginContext['container'],
  logger: Logger,
): RouteDefinition {
  return defineRoute<{ accountId: string; token: string }>({
    method: 'GET',
    path: CALLBACK_PATH,
    operationId: 'smsapiDeliveryReport',
    summary: "SMSAPI's delivery reports of one account's SMS",
    description:
      'SMSAPI signs no callback: the last path segment is a secret of the account, which Monity ' +
      'compares in constant time. Answers `OK`, as SMSAPI expects, once the reports are kept.',
    tags: ['webhooks'],
    access: 'public',
    params: {
      type: 'object',
      required: ['accountId', 'token'],
      properties: { accountId: { type: 'string', maxLength: 64 }, token: { type: 'string' } },
    },
    responses: {
      200: { description: 'Taken: the body is `OK`', contentType: 'text/plain' },
      403: { description: 'Not an address Monity gave SMSAPI' },
    },
    handler: async (ctx, { params }) => {
      const deliveries = container.resolve<Deliveries>('deliveries');
      const account = await deliveries.account(params.accountId);
      const oauthToken = account?.channel === 'smsapi' ? account.settings.token : undefined;
      if (
        !account ||
        typeof oauthToken !== 'string' ||
        !isCallbackToken(params.token, oauthToken, params.accountId)
      ) {
        throw new MonityError('callback_refused', 'Not an address Monity gave SMSAPI.', 403);
      }

      for (const report of reportsOf(ctx.query)) {
        await recordReport(deliveries, account.tenantId, report, logger);
      }
      ctx.type = 'text/plain';
      ctx.body = 'OK';
      return undefined;
    },
  });
}

async function recordReport(
  deliveries: Deliveries,
  tenantId: string,
  report: SmsapiReport,
  logger: Logger,
): Promise<void> {
  const status = reportStatusOf(report.code);
  if (!status) return;
  const message = await deliveries.message(
    report.idx
      ? { messageId: messageIdOfIdx(report.idx) }
      : { channel: 'smsapi', providerMessageId: report.msgId },
  );
  if (!message || message.tenantId !== tenantId) {
    logger.warn({ msgId: report.msgId }, 'SMSAPI reported a message Monity does not know');
    return;
  }
  const delivery: DeliveryReport = {
    messageId: message.messageId,
    status,
    at: timeOf(report.doneDate),
    detail: [report.code, report.statusName].filter(Boolean).join(' '),
  };
  await deliveries.record(delivery);
}

function reportsOf(query: Query): SmsapiReport[] {
  const list = (name: string) => [query[name]].flat().join(',').split(',');
  const ids = list('MsgId');
  const codes = list('status');
  const idxs = list('idx');
  const doneDates = list('donedate');
  const names = list('status_name');

  return ids.flatMap((msgId, i) => {
    const code = codes[i];
    if (!msgId || !code) return [];
    return [
      {
        msgId,
        code,
        ...(idxs[i] ? { idx: idxs[i] } : {}),
        ...(doneDates[i] ? { doneDate: doneDates[i] } : {}),
        ...(names[i] ? { statusName: names[i] } : {}),
      },
    ];
  });
}

// `donedate` is a Unix time in seconds; a report without one is dated when it arrives.
function timeOf(doneDate: string | undefined): string {
  const seconds = Number(doneDate);
  const at = doneDate && Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date();
  return at.toISOString();
}
