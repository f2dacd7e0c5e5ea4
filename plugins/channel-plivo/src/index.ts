import type { ChannelPluginContext } from '@monity/core';
import { callbackRoutes } from './callbackRoutes.ts';
import { plivoChannel, type PlivoConfig } from './plivoChannel.ts';

/** SMS and voice calls through Plivo, each company with its own account and number. */
export function register(context: ChannelPluginContext<PlivoConfig>): void {
  context.channels.register(plivoChannel(context.config, context.logger));
  callbackRoutes(context.container, context.logger).forEach((r) => context.routes.register(r));
}
