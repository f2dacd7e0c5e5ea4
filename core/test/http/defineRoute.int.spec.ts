import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Problem } from '../../src/http/index.ts';
import { startTestServer, type TestServer } from './startTestServer.ts';
import { createInvoice, listInvoices } from './testRoutes.ts';

describe('defineRoute', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ routes: [createInvoice, listInvoices] });
  });
  afterAll(() => server.close());

  it('coerces query values to their schema types and fills defaults', async () => {
    const response = await fetch(`${server.url}/api/invoices?overdue=true&status=open`);

    expect(await response.json()).toEqual({
      query: { limit: 50, overdue: true, status: ['open'] },
    });
  });

  it('keeps repeated query values as an array', async () => {
    const response = await fetch(`${server.url}/api/invoices?limit=10&status=open&status=paid`);

    expect(await response.json()).toEqual({ query: { limit: 10, status: ['open', 'paid'] } });
  });

  it('rejects a query value its schema does not allow', async () => {
    const response = await fetch(`${server.url}/api/invoices?limit=1000`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors).toEqual([
      { pointer: '/query/limit', detail: 'must be <= 100' },
    ]);
  });

  it('coerces path params and hands the validated body to the handler', async () => {
    const response = await fetch(`${server.url}/api/customers/7/invoices`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: 'FV/1/2025', amount: 12300 }),
    });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ number: 'FV/1/2025', amount: 12300, customerId: 7 });
  });
});
