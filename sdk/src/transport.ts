import { ApiError, type ProblemBody } from './apiError.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data, for uploads; the browser writes the boundary. */
  form?: FormData;
  query?: Query;
}

export interface TransportOptions {
  /** Origin the API lives at; empty (the default) means the page's own origin. */
  baseUrl?: string;
  /** An API key, sent as `Authorization: Bearer`; scripts use it instead of a session. */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Called with every error answer before it is thrown, e.g. to notice an expired session. */
  onError?: (error: ApiError, request: { method: string; path: string }) => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Sends requests and turns error answers into `ApiError`. It keeps the CSRF token of the
 * current session and sends it on every request that is not a GET.
 */
export class Transport {
  csrfToken: string | undefined;
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #onError: TransportOptions['onError'];

  constructor(options: TransportOptions = {}) {
    this.#baseUrl = options.baseUrl?.replace(/\/$/, '') ?? '';
    this.#apiKey = options.apiKey;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onError = options.onError;
  }

  url(path: string, query?: Query): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') search.set(name, String(value));
    }
    const tail = search.size > 0 ? `?${search}` : '';
    return `${this.#baseUrl}${path}${tail}`;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const json = options.body !== undefined;
    const response = await this.#fetch(this.url(path, options.query), {
      method,
      headers: this.#headers(method, json),
      body: json ? JSON.stringify(options.body) : options.form,
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const error = await toApiError(response);
      this.#onError?.(error, { method, path });
      throw error;
    }
    // 202 answers an import job with its state, and other accepted requests with nothing.
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 204 || !type.includes('json')) return undefined as T;
    return (await response.json()) as T;
  }

  #headers(method: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (hasBody) headers['content-type'] = 'application/json';
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    if (!SAFE_METHODS.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return headers;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  const body: ProblemBody = type.includes('json')
    ? ((await response.json().catch(() => ({}))) as ProblemBody)
    : { title: response.statusText };
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  return new ApiError(response.status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
}
