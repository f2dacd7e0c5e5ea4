import type { Logger } from 'pino';

import type { HttpMiddleware } from './appState.ts';

/** Logs one line per request once its response is settled: method, path, status, duration. */
export function logAccess(): HttpMiddleware {
  return async (ctx, next) => {
    const started = performance.now();

    await next();

    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const { method, path, status } = ctx;
    ctx.state.container
      .resolve<Logger>('logger')
      .info({ method, path, status, durationMs }, 'request handled');
  };
}
