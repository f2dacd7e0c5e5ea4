import { describe, expect, it } from 'vitest';
import { createMonityClient } from '../src/index.ts';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(answers: Response[]) {
  const sent: Sent[] = [];
  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(url), init });
    return answers.shift() ?? new Response(null, { status: 500 });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = { csrfToken: 'token-1', user: {}, tenant: {}, tenants: [], permissions: [] };
const headersOf = (sent: Sent) => sent.init.headers as Record<string, string>;

describe('the ledger client', () => {
  it('uploads a file as multipart with the CSRF token, leaving the boundary to fetch', async () => {
    const uploaded = { id: 'j1', fileName: 'faktury.csv', status: 'uploaded', headers: ['Numer'] };
    const { fetch, sent } = fakeFetch([json(session), json(uploaded, 201)]);
    const monity = createMonityClient({ fetch });
    await monity.session.get();

    const file = new File(['Numer;Kwota\nFV/1;10,00\n'], 'faktury.csv', { type: 'text/csv' });
    expect(await monity.imports.upload(file)).toEqual(uploaded);

    const upload = sent[1]!;
    expect(upload.url).toBe('/api/import-jobs/files');
    expect(upload.init.method).toBe('POST');
    expect(headersOf(upload)['x-csrf-token']).toBe('token-1');
    expect(headersOf(upload)['content-type']).toBeUndefined();
    const form = upload.init.body as FormData;
    expect((form.get('file') as File).name).toBe('faktury.csv');
    expect(await (form.get('file') as File).text()).toContain('FV/1;10,00');
  });

  it('reads the job a 202 answers, and nothing from an empty 202', async () => {
    const job = { id: 'j1', status: 'queued', processedRows: 0 };
    const { fetch, sent } = fakeFetch([json(job, 202), new Response(null, { status: 202 })]);
    const monity = createMonityClient({ fetch });
    const mapping = { rows: 'invoices' as const, columns: { 'invoice.number': 'Numer' } };

    expect(await monity.imports.start('j1', mapping)).toEqual(job);
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ mapping });
    expect(await monity.auth.requestPasswordReset('a@f.pl')).toBeUndefined();
  });

  it('sends list filters as query parameters, true and false spelled out', async () => {
    const page = { items: [], next: null };
    const { fetch, sent } = fakeFetch([json(page), json(page), json(page)]);
    const monity = createMonityClient({ fetch });

    await monity.customers.list({ q: 'Kraków', excluded: false, overdue: true, sort: '-overdue' });
    await monity.invoices.list({ customerId: 'c 1', status: 'overdue', after: 'abc' });
    await monity.payments.list({ unallocated: true, from: '2026-11-01', q: '' });

    expect(sent.map(({ url }) => url)).toEqual([
      '/api/customers?q=Krak%C3%B3w&excluded=false&overdue=true&sort=-overdue',
      '/api/invoices?customerId=c+1&status=overdue&after=abc',
      '/api/payments?unallocated=true&from=2026-11-01',
    ]);
  });

  it('changes categories in bulk with the filter, and edits a note by its id', async () => {
    const { fetch, sent } = fakeFetch([json({ customers: 12 }), json({ id: 'n/1', text: 'Nowy' })]);
    const monity = createMonityClient({ fetch });

    const change = { filter: { overdue: true }, add: ['k1'], remove: [] };
    expect(await monity.customers.changeCategories(change)).toEqual({ customers: 12 });
    await monity.notes.edit('n/1', 'Nowy');

    expect(sent[0]!.url).toBe('/api/customers/categories');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual(change);
    expect([sent[1]!.url, sent[1]!.init.method]).toEqual(['/api/notes/n%2F1', 'PATCH']);
  });

  it("changes a customer's details by hand, and reads a refused phone by its place", async () => {
    const refused = {
      type: 'about:blank',
      title: 'Some customer details are not valid',
      status: 400,
      code: 'validation_failed',
      errors: [{ pointer: '/body/phones/1', detail: '"12" is not a valid phone number' }],
    };
    const { fetch, sent } = fakeFetch([json({ changed: true }), json(refused, 400)]);
    const monity = createMonityClient({ fetch });

    const changes = { name: 'Gęś S.A.', taxId: '', emails: ['biuro@ges.pl'] };
    expect(await monity.customers.change('c/1', changes)).toEqual({ changed: true });
    const failure = await monity.customers
      .change('c/1', { phones: ['601 234 567', '12'] })
      .catch((e) => e);

    expect([sent[0]!.init.method, sent[0]!.url]).toEqual(['PATCH', '/api/customers/c%2F1']);
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual(changes);
    expect(failure.fieldErrorsByPath()).toEqual({ 'phones.1': '"12" is not a valid phone number' });
  });

  it("writes off, cancels and moves the due date of a customer's invoice", async () => {
    const { fetch, sent } = fakeFetch([
      json({ open: '1000.00', currency: 'PLN' }),
      json({ open: '0.00', currency: 'PLN' }),
      json({ cancelled: true }),
      json({ dueDate: '2026-12-31' }),
    ]);
    const monity = createMonityClient({ fetch });

    const partial = { amount: '234.56', reason: 'Ugoda' };
    expect(await monity.invoices.writeOff('c1', 'i/1', partial)).toEqual({
      open: '1000.00',
      currency: 'PLN',
    });
    await monity.invoices.writeOff('c1', 'i/1', {});
    expect(await monity.invoices.cancel('c1', 'i/1')).toEqual({ cancelled: true });
    expect(await monity.invoices.changeDueDate('c1', 'i/1', '2026-12-31')).toEqual({
      dueDate: '2026-12-31',
    });

    const invoice = '/api/customers/c1/invoices/i%2F1';
    expect(sent.map(({ url, init }) => [init.method, url])).toEqual([
      ['POST', `${invoice}/write-off`],
      ['POST', `${invoice}/write-off`],
      ['POST', `${invoice}/cancellation`],
      ['PUT', `${invoice}/due-date`],
    ]);
    expect(sent.map(({ init }) => JSON.parse(String(init.body)))).toEqual([
      partial,
      {},
      {},
      { dueDate: '2026-12-31' },
    ]);
  });

  it('allocates a payment oldest due first without allocations, or as given', async () => {
    const answer = { allocated: '100.00', credit: '20.00', currency: 'EUR' };
    const { fetch, sent } = fakeFetch([json(answer), json(answer)]);
    const monity = createMonityClient({ fetch });

    expect(await monity.payments.allocate('c1', 'p1')).toEqual(answer);
    const allocations = [{ invoiceId: 'i1', amount: '100.00' }];
    await monity.payments.allocate('c1', 'p1', allocations);

    expect(sent[0]!.url).toBe('/api/customers/c1/payments/p1/allocation');
    expect(sent[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({});
    expect(JSON.parse(String(sent[1]!.init.body))).toEqual({ allocations });
  });

  it('reads the invoices a timeline page names, and a refused due date by its field', async () => {
    const timeline = {
      items: [{ id: 'e1', type: 'InvoiceWrittenOff', data: { invoiceId: 'i1', amount: 23456 } }],
      next: null,
      invoices: { i1: { number: 'FV/1/2026', currency: 'PLN' } },
    };
    const refused = {
      type: 'about:blank',
      title: 'Not a due date of this invoice',
      status: 400,
      code: 'validation_failed',
      errors: [{ pointer: '/body/dueDate', message: 'must not be before the issue date' }],
    };
    const { fetch } = fakeFetch([json(timeline), json(refused, 400)]);
    const monity = createMonityClient({ fetch });

    expect((await monity.customers.timeline('c1')).invoices.i1?.number).toBe('FV/1/2026');
    const failure = await monity.invoices.changeDueDate('c1', 'i1', '2020-01-01').catch((e) => e);
    expect(failure.fieldErrorsByPath()).toEqual({ dueDate: 'must not be before the issue date' });
  });

  it("gives the address of an import job's error report, for a download link", () => {
    const monity = createMonityClient({ baseUrl: 'http://localhost:3000' });
    expect(monity.imports.errorsCsvUrl('j1')).toBe(
      'http://localhost:3000/api/import-jobs/j1/errors.csv',
    );
  });
});
