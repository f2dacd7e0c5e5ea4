import type { ChannelPluginContext } from '@monity/core';
import { smtpChannel, type SmtpConfig } from './smtpChannel.ts';
import { readSmtpSettings } from './smtpSettings.ts';

/** E-mail through a company's own mail server; Monity's own e-mails too, when configured. */
export function register(context: ChannelPluginContext<SmtpConfig>): void {
  // Settings for Monity's own e-mails are checked at start, not at the first password reset.
  if (context.config.server) readSmtpSettings(context.config.server);
  context.channels.register(smtpChannel(context.config, context.logger));
}
