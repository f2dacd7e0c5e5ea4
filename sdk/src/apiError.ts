/** One field the server refused, e.g. `{ pointer: '/body/taxId', message: '…' }`. */
export interface FieldError {
  pointer: string;
  message: string;
}

/** The RFC 9457 problem document the server answers errors with. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  requestId?: string;
  errors?: { pointer: string; message?: string; detail?: string }[];
}

/**
 * A request the server answered with an error status. `code` is stable and the thing to branch
 * on (`invalid_credentials`, `login_throttled`, `csrf_failed`…); `detail` is for people.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (429 answers). */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ProblemBody, retryAfter?: number) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? `http_${status}`;
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = (body.errors ?? []).map(({ pointer, message, detail }) => ({
      pointer,
      message: message ?? detail ?? '',
    }));
    this.requestId = body.requestId;
    this.retryAfter = retryAfter;
  }

  /** Field errors keyed by the last segment of their pointer: `/body/taxId` → `taxId`. */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const { pointer, message } of this.errors) {
      const field = pointer.split('/').filter(Boolean).at(-1) ?? '';
      fields[field] ??= message;
    }
    return fields;
  }

  /**
   * Field errors keyed by their path inside the request part, for nested fields and lists:
   * `/body/taxId` → `taxId`, `/body/bankAccounts/0/iban` → `bankAccounts.0.iban`.
   */
  fieldErrorsByPath(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const { pointer, message } of this.errors) {
      const field = pointer.split('/').filter(Boolean).slice(1).join('.');
      fields[field] ??= message;
    }
    return fields;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
