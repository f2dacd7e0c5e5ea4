// Nitro's own node-listener entry also traps the process's unhandled errors, which belong to
// the Monity server that imports this handler; this entry only exports the listener.
import '#nitro-internal-pollyfills';
import { toNodeListener } from 'h3';
import { useNitroApp } from 'nitropack/runtime';

/** Node `(req, res)` listener serving the web app's pages and assets. */
export const handler = toNodeListener(useNitroApp().h3App);
