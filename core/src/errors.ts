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
