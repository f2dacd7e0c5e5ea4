import { STATUS_CODES } from 'node:http';

import { MonityError, ValidationError } from '../errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * An RFC 9457 problem, extended with Monity's stable `code` and the request id. The `type` is
 * `about:blank` (the title is then the HTTP status text); clients branch on `code`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId: string;
  errors?: { pointer: string; detail: string }[];
}

export interface ProblemContext {
  requestId: string;
  instance: string;
}

// Codes of failures raised outside Monity's code: by the router, the body parser, ctx.throw.
const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_content',
  429: 'too_many_requests',
  501: 'not_implemented',
};

const DETAILS_BY_CODE: Record<string, string> = {
  invalid_json: 'The request body is not valid JSON.',
  not_found: 'Nothing is served at this path.',
  method_not_allowed: 'This path does not support the request method.',
  payload_too_large: 'The request body is larger than the server accepts.',
};

const SERVER_ERROR_DETAIL = 'The server could not complete the request; quote its requestId.';

/** The problem answering a thrown error; 5xx problems never carry the error's own message. */
export function problemFromError(error: unknown, context: ProblemContext): Problem {
  if (error instanceof ValidationError) {
    const errors = error.errors.map(({ pointer, message }) => ({ pointer, detail: message }));
    return { ...problem(400, error.code, error.message, context), errors };
  }
  if (error instanceof MonityError) {
    const detail = error.status < 500 ? error.message : SERVER_ERROR_DETAIL;
    return problem(error.status, error.code, detail, context);
  }
  return problemFromStatus(clientErrorStatus(error) ?? 500, context, jsonSyntaxCode(error));
}

/** The problem for a response left without a body, such as an unknown route (404). */
export function problemFromStatus(
  status: number,
  context: ProblemContext,
  code = codeOf(status),
): Problem {
  const detail = status < 500 ? (DETAILS_BY_CODE[code] ?? titleOf(status)) : SERVER_ERROR_DETAIL;
  return problem(status, code, detail, context);
}

function problem(status: number, code: string, detail: string, context: ProblemContext): Problem {
  return { type: 'about:blank', title: titleOf(status), status, detail, code, ...context };
}

function codeOf(status: number): string {
  return CODES_BY_STATUS[status] ?? (status < 500 ? 'client_error' : 'internal_error');
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

// http-errors (koa, the router, the body parser) mark client errors with a 4xx `status`.
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function jsonSyntaxCode(error: unknown): string | undefined {
  return error instanceof SyntaxError && clientErrorStatus(error) === 400
    ? 'invalid_json'
    : undefined;
}
