import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.ts';
import {
  startServer,
  type RunningServer,
  type StartOptions,
} from '../../src/server/startServer.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

export interface AccessServer {
  server: RunningServer;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole server, as `npm start` runs it, on a fresh test database and a free port. */
export async function startAccessServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<AccessServer> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      PORT: '1',
      MONITY_DEMO_TENANT: 'false',
      MONITY_SERVE_WEB: 'false',
      LOG_LEVEL: 'silent',
      ...env,
    },
    '/nonexistent',
  );
  const server = await startServer({ ...config, port: 0 }, pino({ level: 'silent' }), options);
  return {
    server,
    database,
    async close() {
      await server.stop();
      await database.drop();
    },
  };
}

// Tests read response bodies freely; each assertion says what it expects of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

export interface Response<T = Body> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser's worth of state: its cookie, and the CSRF token of its session. */
export class Browser {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request<T = Body>(method: string, path: string, body?: unknown): Promise<Response<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? undefined : set.split(';')[0];
    const text = await response.text();
    const parsed =
      text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) {
      this.csrfToken = parsed.csrfToken;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}

let companies = 0;
/** Valid NIPs for test companies: the checksum digit is computed, the rest varies. */
export function testTaxId(): string {
  const base = String(100_000_000 + ++companies * 7_919).slice(0, 9);
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const check = weights.reduce((sum, w, i) => sum + w * Number(base[i]), 0) % 11;
  return check === 10 ? testTaxId() : `${base}${check}`;
}

export async function signUp(baseUrl: string, company: string) {
  const browser = new Browser(baseUrl);
  const email = `owner@${company.toLowerCase().replace(/\W/g, '')}.pl`;
  const password = 'correct horse battery';
  const response = await browser.request('POST', '/api/auth/signup', {
    companyName: company,
    taxId: testTaxId(),
    name: `Owner of ${company}`,
    email,
    password,
  });
  if (response.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`);
  return { browser, email, password, session: response.body };
}
