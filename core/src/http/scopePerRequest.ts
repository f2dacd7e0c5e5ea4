import { asValue, type AwilixContainer } from 'awilix';
import type { Logger } from 'pino';

import type { HttpMiddleware } from './appState.ts';

/**
 * Gives each request its own awilix scope with `requestId` and a `logger` bound to it.
 * Written out rather than taken from awilix-koa because that one cannot add per-request values.
 */
export function scopePerRequest(container: AwilixContainer, logger: Logger): HttpMiddleware {
  return async (ctx, next) => {
    const { requestId } = ctx.state;
    ctx.state.container = container.createScope().register({
      requestId: asValue(requestId),
      logger: asValue(logger.child({ requestId })),
    });

    await next();
  };
}
