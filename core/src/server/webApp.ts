import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { HttpMiddleware } from '../http/appState.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The built web application's server entry (web/, built by scripts/ensure-web-build.mjs). */
const ENTRY = join('web', '.output', 'server', 'index.mjs');

/**
 * Serves the web application on the API's origin: every request no API route answered goes
 * to the Nuxt server's Node handler. Without a build the API still serves, and a line says so.
 */
export async function webApp(rootDir: string, logger: Logger): Promise<HttpMiddleware | undefined> {
  const entry = join(rootDir, ENTRY);
  if (!existsSync(entry)) {
    logger.warn({ entry }, 'web application not built; serving the API only');
    return undefined;
  }
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const handler = ['handler', 'middleware', 'listener']
    .map((name) => module[name])
    .find((candidate): candidate is NodeHandler => typeof candidate === 'function');
  if (!handler) throw new Error(`${entry} exports no request handler`);

  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/')) return next();
    ctx.respond = false;
    const finished = new Promise((resolve) => ctx.res.once('close', resolve));
    await handler(ctx.req, ctx.res);
    await finished;
  };
}
