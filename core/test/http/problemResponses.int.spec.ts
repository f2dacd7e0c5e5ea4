import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Problem } from '../../src/http/index.ts';
import { startTestServer, type TestServer } from './startTestServer.ts';
import { testRoutes } from './testRoutes.ts';

const PROBLEM = 'application/problem+json';

describe('problem responses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ routes: testRoutes, bodyLimit: 1024 });
  });
  afterAll(() => server.close());

  const postInvoice = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/api/customers/7/invoices`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    });

  async function expectProblem(response: Response, expected: Record<string, unknown>) {
    expect(response.status).toBe(expected.status);
    expect(response.headers.get('content-type')).toContain(PROBLEM);
    const problem = (await response.json()) as Problem;
    expect(problem).toMatchObject({
      type: 'about:blank',
      title: expect.any(String),
      detail: expect.any(String),
      requestId: response.headers.get('x-request-id'),
      ...expected,
    });
    return problem;
  }

  it('answers an unknown route with 404', async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);

    await expectProblem(response, {
      status: 404,
      code: 'not_found',
      instance: '/api/nothing-here',
    });
  });

  it('answers a known path with a wrong method with 405 and the allowed methods', async () => {
    const response = await fetch(`${server.url}/api/invoices`, { method: 'DELETE' });

    await expectProblem(response, { status: 405, code: 'method_not_allowed' });
    expect(response.headers.get('allow')).toBe('HEAD, GET');
  });

  it('answers a body that is not JSON with 400 invalid_json', async () => {
    const response = await postInvoice('{"number": "FV/1",');

    await expectProblem(response, { status: 400, code: 'invalid_json' });
  });

  it('answers a body larger than the limit with 413', async () => {
    const response = await postInvoice(JSON.stringify({ number: 'x'.repeat(2000), amount: 1 }));

    await expectProblem(response, { status: 413, code: 'payload_too_large' });
  });

  it('answers a body that is not application/json with 415', async () => {
    const response = await postInvoice('number=FV/1', 'application/x-www-form-urlencoded');

    await expectProblem(response, { status: 415, code: 'unsupported_media_type' });
  });

  it('lists every field that fails validation, by JSON Pointer', async () => {
    const response = await fetch(`${server.url}/api/customers/zero/invoices`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: 0, note: 'hi' }),
    });

    const problem = await expectProblem(response, { status: 400, code: 'validation_failed' });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/params/customerId', detail: 'must be integer' },
        { pointer: '/body/number', detail: 'is required' },
        { pointer: '/body/amount', detail: 'must be >= 1' },
        { pointer: '/body/note', detail: 'is not allowed' },
      ]),
    );
    expect(problem.errors).toHaveLength(4);
  });

  it('answers a MonityError with its status, code and message', async () => {
    const response = await fetch(`${server.url}/api/conflict`);

    await expectProblem(response, {
      status: 409,
      code: 'invoice_already_issued',
      detail: 'Invoice FV/1/2025 is already issued',
    });
  });

  it('answers an unexpected error with a generic 500 and logs it once, with its stack', async () => {
    const response = await fetch(`${server.url}/api/crash`);

    const problem = await expectProblem(response, { status: 500, code: 'internal_error' });
    expect(JSON.stringify(problem)).not.toContain('db-7.internal');
    const requestId = response.headers.get('x-request-id');
    const errors = server.logs.filter((log) => log.requestId === requestId && log.level === 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'request failed',
        err: expect.objectContaining({
          message: 'connection to db-7.internal:5432 refused',
          stack: expect.stringContaining('testRoutes.ts'),
        }),
      }),
    ]);
  });
});
