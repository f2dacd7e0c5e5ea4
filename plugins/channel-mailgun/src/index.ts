import type { ChannelPluginContext } from '@monity/core';
import { mailgunChannel, type MailgunConfig } from './mailgunChannel.ts';
import { webhookRoute } from './webhookRoute.ts';

/** E-mail through Mailgun, each company with its own sending domain and keys. */
export function register(context: ChannelPluginContext<MailgunConfig>): void {
  context.channels.register(mailgunChannel(context.config, context.logger));
  context.routes.register(webhookRoute(context.container, context.logger));
}
