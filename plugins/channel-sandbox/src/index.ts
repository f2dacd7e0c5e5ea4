import type { ChannelPluginContext } from '@monity/core';
import type pg from 'pg';
import { mailboxRoutes } from './mailboxRoutes.ts';
import { sandboxChannel } from './sandboxChannel.ts';

interface SandboxConfig {
  publicMailbox: boolean;
}

/** The default channel: nothing leaves the machine; every message waits in the mailbox. */
export function register(context: ChannelPluginContext<SandboxConfig>): void {
  const pool = context.container.resolve<pg.Pool>('pgPool');
  context.channels.register(sandboxChannel(pool, context.logger));
  mailboxRoutes(context.config).forEach((route) => context.routes.register(route));
}
