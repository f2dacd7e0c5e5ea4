// Nitro's own node-listener entry also traps the process's unhandled errors, which belong to
// the Monity server that imports this handler; this entry only exports the listener.
import '#nitro-internal-pollyfills';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeListener } from 'h3';
import { useNitroApp } from 'nitropack/runtime';

const listener = toNodeListener(useNitroApp().h3App);

/**
 * Node `(req, res)` handler serving the web app's pages and assets. Nitro leaves the status of
 * a successful answer as it finds it, and Koa hands over responses preset to 404: start at 200.
 */
export function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = 200;
  return listener(req, res);
}
