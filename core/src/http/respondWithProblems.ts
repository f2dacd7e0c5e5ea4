import type { Logger } from 'pino';

import { ThrottledError } from '../errors.ts';
import type { AppContext, HttpMiddleware } from './appState.ts';
import {
  PROBLEM_CONTENT_TYPE,
  problemFromError,
  problemFromStatus,
  type Problem,
  type ProblemContext,
} from './problemDetails.ts';

/**
 * Answers every failure as problem+json: thrown errors and error statuses left without a body
 * (unknown route, method not allowed). Server errors are logged here, once, with their stack.
 */
export function respondWithProblems(): HttpMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) send(ctx, problemFromStatus(ctx.status, at(ctx)));
    } catch (error) {
      const problem = problemFromError(error, at(ctx));
      if (error instanceof ThrottledError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      if (problem.status >= 500) {
        ctx.state.container.resolve<Logger>('logger').error({ err: error }, 'request failed');
      }
      send(ctx, problem);
    }
  };
}

function at(ctx: AppContext): ProblemContext {
  return { requestId: ctx.state.requestId, instance: ctx.path };
}

function send(ctx: AppContext, problem: Problem): void {
  ctx.status = problem.status;
  ctx.body = problem;
  // After the body: assigning an object resets the type to application/json.
  ctx.type = PROBLEM_CONTENT_TYPE;
}
