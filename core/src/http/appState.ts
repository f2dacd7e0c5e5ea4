import type { RouterContext } from '@koa/router';
import type { AwilixContainer } from 'awilix';
import type { Middleware, ParameterizedContext } from 'koa';
import type { Principal } from '../access/principal.ts';

/** What the HTTP middleware keeps on `ctx.state` for the rest of a request. */
export interface AppState {
  requestId: string;
  /** The request's own awilix scope, holding `requestId` and a `logger` bound to it. */
  container: AwilixContainer;
  /** Who the request acts for; absent on unauthenticated requests. */
  principal?: Principal;
}

/** The context of any request, before or outside routing. */
export type AppContext = ParameterizedContext<AppState>;

/** The context a route handler gets: the app's, plus the matched path's `params`. */
export type HttpContext = RouterContext<AppState>;

export type HttpMiddleware = Middleware<AppState>;
