import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { HttpContext } from './appState.ts';

export const EVENT_STREAM_TYPE = 'text/event-stream';

/** The event streams each app is serving, so that stopping the server can end them. */
const openStreams = new WeakMap<Koa, Set<Duplex>>();

/**
 * Answers with what is written to `stream` (a `PassThrough`, say) as a server-sent event
 * stream, open until the client leaves or the server stops. Nothing on the way may hold it
 * back: no caching or transforming (compressing included) by intermediaries, no buffering by
 * nginx-like proxies, no socket timeout, no Nagle delay. The connection closes with the stream,
 * so a stopping server is not kept waiting by a kept-alive socket.
 */
export function serveEventStream(ctx: HttpContext, stream: Duplex): void {
  ctx.type = EVENT_STREAM_TYPE;
  ctx.set('Cache-Control', 'no-cache, no-transform');
  ctx.set('X-Accel-Buffering', 'no');
  ctx.set('Connection', 'close');
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.req.socket.setKeepAlive(true);
  ctx.body = stream;

  const streams = openStreams.get(ctx.app) ?? new Set();
  openStreams.set(ctx.app, streams);
  streams.add(stream);
  stream.once('close', () => streams.delete(stream));
}

/** Ends every event stream `app` is serving: their writers see `finish`, their clients the end. */
export function endEventStreams(app: Koa): void {
  for (const stream of openStreams.get(app) ?? []) stream.end();
}
