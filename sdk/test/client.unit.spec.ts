import { describe, expect, it } from 'vitest';
import { ApiError, createMonityClient } from '../src/index.ts';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records each request and answers from a list. */
function fakeFetch(answers: Response[]) {
  const sent: Sent[] = [];
  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(url), init });
    return answers.shift() ?? new Response(null, { status: 500 });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const session = { csrfToken: 'token-1', user: {}, tenant: {}, tenants: [], permissions: [] };

describe('the Monity client', () => {
  it('sends the session CSRF token on requests that change something, not on reads', async () => {
    const { fetch, sent } = fakeFetch([json(session), json({ users: [] }), json({}, 201)]);
    const monity = createMonityClient({ fetch });

    await monity.auth.login({ email: 'anna@firma.pl', password: 'secret-123' });
    await monity.users.list();
    await monity.invitations.create({ email: 'jan@firma.pl', role: 'viewer' });

    const headers = sent.map(({ init }) => init.headers as Record<string, string>);
    expect(headers[0]!['x-csrf-token']).toBeUndefined();
    expect(headers[1]!['x-csrf-token']).toBeUndefined();
    expect(headers[2]!['x-csrf-token']).toBe('token-1');
    expect(sent.every(({ init }) => init.credentials === 'same-origin')).toBe(true);
    expect(JSON.parse(String(sent[2]!.init.body))).toEqual({
      email: 'jan@firma.pl',
      role: 'viewer',
    });
  });

  it('throws problems as ApiError with their code, field errors and wait', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: 'The tax id is not valid',
      errors: [{ pointer: '/body/taxId', detail: 'must be a Polish NIP' }],
    };
    const throttled = { status: 429, code: 'login_throttled', title: 'Too Many Requests' };
    const { fetch } = fakeFetch([
      json(problem, 400, { 'content-type': 'application/problem+json' }),
      json(throttled, 429, { 'retry-after': '30' }),
    ]);
    const monity = createMonityClient({ fetch });
    const signup = { companyName: 'F', taxId: '1', name: 'A', email: 'a@f.pl', password: 'x' };

    const invalid = await monity.auth.signup(signup).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).code).toBe('validation_failed');
    expect((invalid as ApiError).fieldErrors()).toEqual({ taxId: 'must be a Polish NIP' });

    const refused = (await monity.auth
      .login({ email: 'a@f.pl', password: 'x' })
      .catch((error: unknown) => error)) as ApiError;
    expect([refused.status, refused.code, refused.retryAfter]).toEqual([
      429,
      'login_throttled',
      30,
    ]);
  });

  it("changes the company's details, and keys refused fields of a list by their path", async () => {
    const company = {
      id: 't1',
      name: 'F',
      bankAccounts: [{ iban: 'PL61109010140000071219812874' }],
    };
    const problem = {
      status: 400,
      code: 'validation_failed',
      errors: [
        { pointer: '/body/bankAccounts/1/iban', detail: 'must be a valid IBAN or NRB' },
        { pointer: '/body/address/country', detail: 'must match pattern "^[A-Z]{2}$"' },
      ],
    };
    const { fetch, sent } = fakeFetch([
      json(session),
      json(company),
      json(problem, 400, { 'content-type': 'application/problem+json' }),
    ]);
    const monity = createMonityClient({ fetch });
    await monity.session.get();

    const changes = { bankAccounts: [{ iban: '61 1090 1014 0000 0712 1981 2874' }] };
    expect(await monity.tenant.change(changes)).toEqual(company);
    expect(sent[1]!.init.method).toBe('PATCH');
    expect((sent[1]!.init.headers as Record<string, string>)['x-csrf-token']).toBe('token-1');
    expect(JSON.parse(String(sent[1]!.init.body))).toEqual(changes);

    const refused = (await monity.tenant.change({}).catch((error: unknown) => error)) as ApiError;
    expect(refused.fieldErrorsByPath()).toEqual({
      'bankAccounts.1.iban': 'must be a valid IBAN or NRB',
      'address.country': 'must match pattern "^[A-Z]{2}$"',
    });
  });

  it('builds the CSV address of the audit log from the filter, leaving out empty parts', () => {
    const monity = createMonityClient({ baseUrl: 'http://localhost:3000/' });
    const url = monity.auditLog.csvUrl({ action: 'UserInvited', from: '2026-12-01', to: '' });
    expect(url).toBe('http://localhost:3000/api/audit-log.csv?action=UserInvited&from=2026-12-01');
  });
});
