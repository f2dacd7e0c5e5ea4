import { randomUUID } from 'node:crypto';
import { startAccessServer, type AccessServer } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithKey, READ_MODEL, type CompanyApi } from './support/collectionTestKit.ts';

/**
 * What the collection's read routes say after a reminder and a demand a collector approves:
 * per customer the steps reached with their messages, promises and disputes; per process the
 * customers each step reached, its messages by status, and what was paid after it.
 */

let now = new Date('2026-03-02T09:00:00Z');
const clock = { now: () => now };
let access: AccessServer;
beforeAll(async () => {
  access = await startAccessServer({}, { clock });
});
afterAll(() => access.close());

type Api = CompanyApi;

const invoice = (id: string, customerId: string, currency: string, amount: string) => ({
  id,
  number: id,
  customerId,
  issueDate: '2026-02-15',
  dueDate: '2026-03-02',
  currency,
  amount,
});

/** Alfa owes in złoty and euro, Beta in złoty, Gamma has no address. */
async function ledger(api: Api) {
  const batch = await api('POST', '/api/ledger/batch', {
    customers: [
      { id: 'A', name: 'Alfa', emails: ['alfa@example.pl'] },
      { id: 'B', name: 'Beta', emails: ['beta@example.pl'] },
      { id: 'C', name: 'Gamma' },
    ],
    invoices: [
      invoice('FV/A1', 'A', 'PLN', '100.00'),
      invoice('FV/A2', 'A', 'EUR', '50.00'),
      invoice('FV/B', 'B', 'PLN', '200.00'),
      invoice('FV/C', 'C', 'PLN', '300.00'),
    ],
  });
  expect(batch.body.summary.rejected).toBe(0);
  await expect
    .poll(async () => (await api('GET', '/api/customers')).body.items.length, READ_MODEL)
    .toBe(3);
  const customers = (await api('GET', '/api/customers')).body.items as {
    id: string;
    name: string;
  }[];
  return Object.fromEntries(customers.map((c) => [c.name, c.id]));
}

/** A reminder the day after the due date, then a demand a week later that waits for approval. */
async function startProcess(api: Api) {
  const made = await api('POST', '/api/templates', {
    name: 'Przypomnienie',
    medium: 'email',
    language: 'pl',
    kind: 'reminder',
    subject: 'Przypomnienie',
    html: '<p>{{ totals.open | money }}</p>',
  });
  await expect
    .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
    .toBe(1);
  const step = (name: string, kind: string, timing: object, approval: string) => ({
    id: randomUUID(),
    name,
    kind,
    selection: { criteria: { field: 'currency', op: 'in', value: ['PLN', 'EUR'] } },
    channels: [{ medium: 'email', templateId: made.body.id }],
    timing,
    approval,
  });
  const steps = [
    step('Przypomnienie', 'reminder', { from: 'dueDate', days: 1 }, 'automatic'),
    step('Wezwanie', 'demand', { from: 'previousStep', days: 7 }, 'queue'),
  ];
  const process = await api('POST', '/api/processes', { name: 'Windykacja', steps });
  expect(process.status, JSON.stringify(process.body)).toBe(201);
  await api('POST', `/api/processes/${process.body.id}/start`, { expectedVersion: 1 });
  await expect
    .poll(
      async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active,
      READ_MODEL,
    )
    .toBe(true);
  return { id: process.body.id as string, steps: steps.map((s) => s.id) };
}

describe('the collection read routes', () => {
  it("tell a customer's steps and holds, and each step's reach, messages and payments", async () => {
    const { api } = await companyWithKey(access.server.url, 'Przegląd');
    const ids = await ledger(api);
    const process = await startProcess(api);
    const [reminder, demand] = process.steps;
    const run = async (instant: string) => {
      now = new Date(instant);
      const ran = await api('POST', '/api/collection/run');
      expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    };
    const overview = async () =>
      (await api('GET', `/api/processes/${process.id}/overview`)).body as {
        steps: {
          stepId: string;
          customers: number;
          messages: Record<string, number>;
          paid: unknown[];
        }[];
      };
    const stepOf = async (stepId: string | undefined) =>
      (await overview()).steps.find((s) => s.stepId === stepId)!;

    // The reminder: Alfa two messages (one a currency), Beta one, Gamma through without.
    await run('2026-03-03T09:00:00Z');
    await expect.poll(async () => (await stepOf(reminder)).customers, READ_MODEL).toBe(3);
    // The sandbox takes them: none stays queued once the dispatcher has been by.
    await expect
      .poll(async () => {
        const { messages } = await stepOf(reminder);
        return messages.queued! + messages.retrying!;
      }, READ_MODEL)
      .toBe(0);
    const sent = (await stepOf(reminder)).messages;
    expect(sent.sent! + sent.delivered!).toBe(3);

    // Beta pays; a week on, the demand waits for approval for Alfa, in both currencies.
    await api('POST', '/api/ledger/batch', {
      payments: [
        {
          id: 'WB/B',
          customerId: 'B',
          date: '2026-03-05',
          currency: 'PLN',
          amount: '200.00',
          allocations: [{ invoiceId: 'FV/B', amount: '200.00' }],
        },
      ],
    });
    await expect
      .poll(async () => (await api('GET', '/api/payments')).body.items.length, READ_MODEL)
      .toBe(1);
    await run('2026-03-10T09:00:00Z');
    await expect
      .poll(async () => (await stepOf(demand)).messages.awaiting_approval, READ_MODEL)
      .toBe(2);
    const waiting = (await api('GET', '/api/messages?status=awaiting_approval')).body.items as {
      id: string;
      currency: string;
    }[];
    const euro = waiting.find((m) => m.currency === 'EUR')!;
    await api('POST', `/api/messages/${euro.id}/approval`, { decision: 'reject', reason: 'Nie' });
    await expect.poll(async () => (await stepOf(demand)).messages.rejected, READ_MODEL).toBe(1);

    const figures = await overview();
    expect(figures.steps.map((s) => s.stepId)).toEqual([reminder, demand]);
    expect(figures.steps[0]).toMatchObject({
      customers: 3,
      paid: [{ currency: 'PLN', invoices: 1, amount: '200.00' }],
    });
    expect(figures.steps[1]).toMatchObject({
      name: 'Wezwanie',
      kind: 'demand',
      customers: 2,
      messages: { awaiting_approval: 1, rejected: 1, sent: 0, failed: 0 },
      paid: [],
    });

    const alfa = (await api('GET', `/api/customers/${ids.Alfa}/collection`)).body;
    expect(alfa.processes).toHaveLength(1);
    expect(alfa.processes[0]).toMatchObject({ processId: process.id, name: 'Windykacja' });
    const steps = alfa.processes[0].steps as Record<string, unknown>[];
    expect(steps.map((s) => [s.name, s.currency, s.skipped])).toEqual([
      ['Przypomnienie', 'EUR', null],
      ['Przypomnienie', 'PLN', null],
      ['Wezwanie', 'EUR', null],
      ['Wezwanie', 'PLN', null],
    ]);
    expect(steps[2]).toMatchObject({ messageId: euro.id, messageStatus: 'rejected' });
    expect(steps[3]).toMatchObject({ kind: 'demand', messageStatus: 'awaiting_approval' });
    expect(steps[0]!.reachedAt).toBe('2026-03-03T09:00:00+00:00');

    const gamma = (await api('GET', `/api/customers/${ids.Gamma}/collection`)).body;
    expect(gamma.processes[0].steps).toMatchObject([
      { name: 'Przypomnienie', messageId: null, messageStatus: null, skipped: 'no_address' },
      { name: 'Wezwanie', messageId: null, skipped: 'no_address' },
    ]);
  });

  it("lists a customer's promises and disputes, newest first, and whether each is open", async () => {
    now = new Date('2026-04-01T09:00:00Z');
    const { api } = await companyWithKey(access.server.url, 'Wstrzymania');
    const ids = await ledger(api);
    const promised = await api('POST', `/api/customers/${ids.Beta}/promises`, {
      until: '2026-04-10',
      amount: '200.00',
      currency: 'PLN',
      note: 'Zapłaci po otrzymaniu przelewu od klienta',
    });
    expect(promised.status).toBe(201);
    now = new Date('2026-04-02T09:00:00Z');
    const dispute = await api('POST', `/api/customers/${ids.Beta}/disputes`, {
      reason: 'Towar uszkodzony',
    });
    now = new Date('2026-04-03T09:00:00Z');
    await api('POST', `/api/customers/${ids.Beta}/disputes/${dispute.body.id}/closure`, {});
    const holds = async () => (await api('GET', `/api/customers/${ids.Beta}/collection`)).body;
    await expect.poll(async () => (await holds()).holds[0]?.open, READ_MODEL).toBe(false);

    expect(await holds()).toEqual({
      processes: [],
      holds: [
        {
          id: dispute.body.id,
          kind: 'dispute',
          until: null,
          amount: null,
          currency: null,
          text: 'Towar uszkodzony',
          open: false,
          createdAt: '2026-04-02T09:00:00+00:00',
          closedAt: '2026-04-03T09:00:00+00:00',
        },
        {
          id: promised.body.id,
          kind: 'promise',
          until: '2026-04-10',
          amount: '200.00',
          currency: 'PLN',
          text: 'Zapłaci po otrzymaniu przelewu od klienta',
          open: true,
          createdAt: '2026-04-01T09:00:00+00:00',
          closedAt: null,
        },
      ],
    });
    expect((await api('GET', `/api/customers/${randomUUID()}/collection`)).status).toBe(404);
    expect((await api('GET', `/api/processes/${randomUUID()}/overview`)).status).toBe(404);
  });
});
