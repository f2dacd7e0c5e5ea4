/**
 * The one error base of Monity. `code` is stable and machine-readable; `status` is the HTTP
 * status the API answers with (mapped in exactly one place, `http/problemDetails.ts`).
 * Messages of errors with a 5xx status never reach API clients.
 */
export class MonityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem with one field of a request or an event, addressed by JSON Pointer. */
export interface FieldError {
  pointer: string;
  message: string;
}

export class ValidationError extends MonityError {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super('validation_failed', message, 400);
  }
}

export class NotFoundError extends MonityError {
  constructor(message: string) {
    super('not_found', message, 404);
  }
}

export class UnauthenticatedError extends MonityError {
  constructor(message = 'Log in or send an API key to use this route.') {
    super('unauthenticated', message, 401);
  }
}

export class ForbiddenError extends MonityError {
  constructor(message: string, code = 'forbidden') {
    super(code, message, 403);
  }
}

export class ConflictError extends MonityError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

/** Too many attempts; the API answers 429 with `Retry-After`. */
export class ThrottledError extends MonityError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, 429);
  }
}
