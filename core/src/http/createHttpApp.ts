import { bodyParser } from '@koa/bodyparser';
import { Router } from '@koa/router';
import type { AwilixContainer } from 'awilix';
import Koa, { type Middleware } from 'koa';
import type { Logger } from 'pino';

import type { AppState } from './appState.ts';
import { assignRequestId } from './assignRequestId.ts';
import type { RouteDefinition } from './defineRoute.ts';
import { healthRoutes, type ReadinessCheck } from './healthRoutes.ts';
import { logAccess } from './logAccess.ts';
import { mountApiDocs } from './mountApiDocs.ts';
import { createOpenApiDocument } from './openApiDocument.ts';
import { respondWithProblems } from './respondWithProblems.ts';
import { scopePerRequest } from './scopePerRequest.ts';

export interface HttpAppOptions {
  /** The root container; each request gets a scope of it. */
  container: AwilixContainer;
  logger: Logger;
  routes: RouteDefinition[];
  checkReadiness: ReadinessCheck;
  /** Finds the request's principal; requests stay unauthenticated without it. */
  authenticate?: Middleware<AppState>;
  /** Serves what no API route does, e.g. the web application. */
  fallback?: Middleware<AppState>;
  /** Largest JSON body accepted, in bytes or as `'10mb'`. */
  bodyLimit?: number | string;
}

/** The Koa app serving the given routes, `/health`, `/ready`, and the API's OpenAPI docs. */
export function createHttpApp(options: HttpAppOptions): Koa<AppState> {
  const routes = [...healthRoutes(options.checkReadiness), ...options.routes];
  const parseJson = bodyParser({ enableTypes: ['json'], jsonLimit: options.bodyLimit ?? '10mb' });
  const router = routerFor(routes, parseJson);
  mountApiDocs(router, createOpenApiDocument(routes));
  const app = new Koa<AppState>();

  app.use(assignRequestId());
  app.use(scopePerRequest(options.container, options.logger));
  app.use(logAccess());
  app.use(respondWithProblems());
  if (options.authenticate) app.use(options.authenticate);
  app.use(router.routes());
  app.use(router.allowedMethods());
  if (options.fallback) app.use(options.fallback);
  // Only failures outside respondWithProblems get here, e.g. a file stream breaking mid-response.
  app.on('error', (err: unknown) => options.logger.error({ err }, 'response failed'));

  return app;
}

// Only routes that declare a body read one, so an unknown route never waits for an upload.
function routerFor(routes: RouteDefinition[], parseJson: Middleware): Router<AppState> {
  const router = new Router<AppState>();
  for (const { path, method, body, middleware } of routes) {
    router.register(path, [method], body ? [parseJson, middleware] : middleware);
  }
  return router;
}
