import type { ChannelPluginContext } from '@monity/core';
import { deliveryReportRoute } from './deliveryReportRoute.ts';
import { smsapiChannel, type SmsapiConfig } from './smsapiChannel.ts';

/** SMS through SMSAPI.pl (or .com), each company with its own account and sender name. */
export function register(context: ChannelPluginContext<SmsapiConfig>): void {
  context.channels.register(smsapiChannel(context.config, context.logger));
  context.routes.register(deliveryReportRoute(context.container, context.logger));
}
