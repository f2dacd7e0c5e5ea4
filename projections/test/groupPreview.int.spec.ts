import { randomUUID } from 'node:crypto';
import {
  collectionEventTypes,
  collectionStream,
  EventTypeRegistry,
  messageEventTypes,
  messageStream,
  PostgresEventStore,
} from '@monity/core';
import {
  createTestPool,
  signUp,
  startAccessServer,
  type AccessServer,
  type Browser,
} from '@monity/core/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Group previews against an independent calculation: a ledger generated here, whose open
 * amounts this file knows by construction, and criteria evaluated over it in plain TypeScript.
 */

let access: AccessServer;
beforeAll(async () => {
  access = await startAccessServer();
});
afterAll(() => access.close());

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
const shift = (day: string, days: number) =>
  new Date(Date.parse(day) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY);

let seed = 7;
const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;

const DIGITS: Record<string, number> = { PLN: 2, EUR: 2, JPY: 0 };
const major = (minor: number, currency: string) => {
  const digits = DIGITS[currency]!;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

interface Customer {
  id: string;
  name: string;
  country: string;
  city?: string;
  emails: string[];
  phones: string[];
  categories: string[];
  attributes: Record<string, string>;
  excluded: boolean;
  lastPayment?: string;
}
interface Invoice {
  id: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  amount: number;
  open: number;
}

function generate() {
  const customers: Customer[] = [];
  const invoices: Invoice[] = [];
  const payments: object[] = [];
  for (let c = 1; c <= 40; c += 1) {
    const attributes: Record<string, string> = {};
    if (next() < 0.7) attributes.Opiekun = pick(['Anna', 'Piotr']);
    if (next() < 0.6) attributes.Limit = String(Math.floor(next() * 10) * 1000);
    if (next() < 0.5) attributes.VIP = pick(['tak', 'nie']);
    if (next() < 0.8) attributes.Segment = pick(['A', 'B', 'C']);
    const customer: Customer = {
      id: `K${c}`,
      name: `Firma ${String(c).padStart(2, '0')}`,
      country: next() < 0.85 ? 'PL' : 'DE',
      ...(next() < 0.8 ? { city: pick(['Kraków', 'Warszawa', 'Gdańsk']) } : {}),
      emails: next() < 0.7 ? [`k${c}@firma.pl`] : [],
      phones: next() < 0.5 ? [`+48 600 100 ${String(c).padStart(3, '0')}`] : [],
      categories: ['Kluczowi', 'Ryzykowni'].filter(() => next() < 0.3),
      attributes,
      excluded: c % 13 === 0,
    };
    customers.push(customer);
    const count = 1 + Math.floor(next() * 8);
    for (let i = 0; i < count; i += 1) {
      const currency = next() < 0.6 ? 'PLN' : next() < 0.7 ? 'EUR' : 'JPY';
      const issueDate = shift(today, -Math.floor(next() * 300));
      const amount = (1 + Math.floor(next() * 5000)) * (currency === 'JPY' ? 100 : 37);
      invoices.push({
        id: `FV/${c}/${i}`,
        customerId: customer.id,
        currency,
        issueDate,
        dueDate: shift(issueDate, 7 + Math.floor(next() * 60)),
        amount,
        open: amount,
      });
    }
    for (const invoice of invoices.filter((i) => i.customerId === customer.id)) {
      if (next() > 0.35) continue;
      const paid = next() < 0.5 ? invoice.amount : Math.floor(invoice.amount / 3);
      const date = shift(today, -Math.floor(next() * 60));
      invoice.open -= paid;
      if (!customer.lastPayment || customer.lastPayment < date) customer.lastPayment = date;
      payments.push({
        id: `WB/${invoice.id}`,
        customerId: customer.id,
        date,
        currency: invoice.currency,
        amount: major(paid, invoice.currency),
        allocations: [{ invoiceId: invoice.id, amount: major(paid, invoice.currency) }],
      });
    }
  }
  return { customers, invoices, payments };
}

const ledger = generate();
type Node = Record<string, unknown>;

/** How a message's life ends, as the events after its MessageQueued make it. */
const MESSAGE_ENDINGS: Record<string, string[]> = {
  queued: [],
  awaiting_approval: ['MessageHeldForApproval'],
  approved: ['MessageHeldForApproval', 'MessageApproved'],
  rejected: ['MessageHeldForApproval', 'MessageRejected'],
  sent: ['MessageSent'],
  delivered: ['MessageSent', 'MessageDelivered'],
  opened: ['MessageSent', 'MessageDelivered', 'MessageOpened'],
  bounced: ['MessageSent', 'MessageBounced'],
  failed: ['MessageSent', 'MessageFailed'],
  refused: ['MessageRefused'],
  retrying: ['MessageRetryScheduled'],
  unknown: ['MessageOutcomeUnknown'],
};
/** The endings that are a contact (docs/groups.md): the message left or is on its way. */
const CONTACTS = [
  'queued',
  'awaiting_approval',
  'approved',
  'retrying',
  'unknown',
  'sent',
  'delivered',
  'opened',
];

interface StepReached {
  processId: string;
  stepId: string;
  customerId: string;
  currency: string;
  invoiceIds: string[];
  skipped: boolean;
}
interface Message {
  customerId: string;
  purpose: 'process' | 'manual' | 'test';
  ending: string;
}

/**
 * Two collection processes over the ledger, one of two steps and one of one, with the steps
 * each invoice (paid ones too) reached; and the messages each customer was sent, in every way
 * a message can end, channel tests among them.
 */
function generateCollection() {
  const processes = {
    standard: { id: randomUUID(), steps: [randomUUID(), randomUUID()] },
    export: { id: randomUUID(), steps: [randomUUID()] },
  };
  const reached: StepReached[] = [];
  const messages: Message[] = [];
  const reach = (process: { id: string }, stepId: string, invoices: Invoice[], p: number) => {
    const byCurrency = new Map<string, string[]>();
    for (const invoice of invoices.filter(() => next() < p)) {
      byCurrency.set(invoice.currency, [...(byCurrency.get(invoice.currency) ?? []), invoice.id]);
    }
    return [...byCurrency].map(([currency, invoiceIds]) => {
      const customerId = invoices[0]!.customerId;
      const skipped = next() < 0.2;
      const step = { processId: process.id, stepId, customerId, currency, invoiceIds, skipped };
      reached.push(step);
      return step;
    });
  };
  const endings = Object.keys(MESSAGE_ENDINGS);
  for (const customer of ledger.customers) {
    const own = ledger.invoices.filter((i) => i.customerId === customer.id);
    const first = reach(processes.standard, processes.standard.steps[0]!, own, 0.6);
    const further = own.filter((i) => first.some((step) => step.invoiceIds.includes(i.id)));
    reach(processes.standard, processes.standard.steps[1]!, further, 0.5);
    reach(processes.export, processes.export.steps[0]!, own, 0.3);
    const count = pick([0, 0, 1, 1, 2]);
    for (let m = 0; m < count; m += 1) {
      const purpose = pick(['process', 'manual'] as const);
      messages.push({ customerId: customer.id, purpose, ending: pick(endings) });
    }
    if (next() < 0.1) messages.push({ customerId: customer.id, purpose: 'test', ending: 'sent' });
  }
  return { processes, reached, messages };
}

const collection = generateCollection();

/** The criteria semantics, written out over the generated ledger. */
function holds(node: Node, invoice: Invoice, customer: Customer, ids: Ids): boolean {
  if ('and' in node) return (node.and as Node[]).every((n) => holds(n, invoice, customer, ids));
  if ('or' in node) return (node.or as Node[]).some((n) => holds(n, invoice, customer, ids));
  if ('not' in node) return !holds(node.not as Node, invoice, customer, ids);
  const value = node.value as never;
  const number = (v: number | string) => Number(String(v).replace(',', '.'));
  const inRange = (x: number, r: { min?: number | string; max?: number | string }) =>
    (r.min === undefined || x >= number(r.min)) && (r.max === undefined || x <= number(r.max));
  const scale = 10 ** DIGITS[invoice.currency]!;
  const overdue = ledger.invoices.filter(
    (i) =>
      i.customerId === customer.id &&
      i.currency === invoice.currency &&
      i.open > 0 &&
      i.dueDate < today,
  );
  const days = daysBetween(invoice.dueDate, today);
  switch (node.field) {
    case 'currency':
      return (node.op === 'in') === (value as string[]).includes(invoice.currency);
    case 'city':
      return (
        (node.op === 'in') ===
        (value as string[]).map((c) => c.toLowerCase()).includes(customer.city?.toLowerCase() ?? '')
      );
    case 'country':
      return (node.op === 'in') === (value as string[]).includes(customer.country);
    case 'daysOverdue':
      return inRange(days, value);
    case 'dueDate':
    case 'issueDate': {
      const day = node.field === 'dueDate' ? invoice.dueDate : invoice.issueDate;
      const r = value as { from?: string; to?: string };
      return (!r.from || day >= r.from) && (!r.to || day <= r.to);
    }
    case 'amount':
      return inRange(invoice.amount / scale, value);
    case 'openAmount':
      return inRange(invoice.open / scale, value);
    case 'customerOverdue':
      return inRange(overdue.reduce((s, i) => s + i.open, 0) / scale, value);
    case 'overdueInvoices':
      return inRange(overdue.length, value);
    case 'agingBucket': {
      const buckets: Record<string, [number, number]> = {
        not_due: [-Infinity, 0],
        '1-30': [1, 30],
        '31-60': [31, 60],
        '61-90': [61, 90],
        '91-180': [91, 180],
        '180+': [181, Infinity],
      };
      return (value as { buckets: string[] }).buckets.some((b) => {
        const [from, to] = buckets[b]!;
        return days >= from && days <= to;
      });
    }
    case 'category': {
      const any = (value as string[]).some((id) => customer.categories.includes(ids.names[id]!));
      return node.op === 'anyOf' ? any : !any;
    }
    case 'hasEmail':
      return customer.emails.length > 0 === value;
    case 'hasPhone':
      return customer.phones.length > 0 === value;
    case 'lastPayment':
      return !customer.lastPayment || customer.lastPayment < (value as string);
    case 'processStep': {
      const { processId, stepId } = value as { processId: string; stepId: string };
      const reached = collection.reached.some(
        (r) =>
          r.processId === processId && r.stepId === stepId && r.invoiceIds.includes(invoice.id),
      );
      return (node.op === 'reached') === reached;
    }
    case 'contacted': {
      const contacted = collection.messages.some(
        (m) => m.customerId === customer.id && m.purpose !== 'test' && CONTACTS.includes(m.ending),
      );
      return contacted === value;
    }
    case 'attribute': {
      const name = ids.names[node.attributeId as string]!;
      const text = customer.attributes[name];
      const typed = name === 'Limit' ? Number(text) : name === 'VIP' ? text === 'tak' : text;
      switch (node.op) {
        case 'isSet':
          return text !== undefined;
        case 'isNotSet':
          return text === undefined;
        case 'equals':
          return text !== undefined && typed === value;
        case 'in':
          return text !== undefined && (value as string[]).includes(text);
        case 'between':
          return text !== undefined && inRange(typed as number, value);
      }
    }
  }
  throw new Error(`the oracle does not know ${JSON.stringify(node)}`);
}

interface Ids {
  /** Catalogue ids by name, and names by id. */
  of: Record<string, string>;
  names: Record<string, string>;
}

function expected(
  selection: { criteria: Node; currency?: string; includeExcluded?: boolean },
  ids: Ids,
) {
  const byCustomer = new Map(ledger.customers.map((c) => [c.id, c]));
  const matched = ledger.invoices.filter((invoice) => {
    const customer = byCustomer.get(invoice.customerId)!;
    if (invoice.open <= 0) return false;
    if (customer.excluded && !selection.includeExcluded) return false;
    if (selection.currency && invoice.currency !== selection.currency) return false;
    return holds(selection.criteria, invoice, customer, ids);
  });
  const currencies = [...new Set(matched.map((i) => i.currency))].sort().map((currency) => {
    const own = matched.filter((i) => i.currency === currency);
    return {
      currency,
      customers: new Set(own.map((i) => i.customerId)).size,
      invoices: own.length,
      open: major(
        own.reduce((s, i) => s + i.open, 0),
        currency,
      ),
    };
  });
  return {
    customers: new Set(matched.map((i) => i.customerId)).size,
    invoices: matched.length,
    currencies,
    members: [...new Set(matched.map((i) => byCustomer.get(i.customerId)!.name))].sort(),
    numbers: matched.map((i) => i.id).sort(),
    /** Each member's name with the numbers of its matching invoices. */
    invoicesOf: (name: string) =>
      matched.filter((i) => byCustomer.get(i.customerId)!.name === name).map((i) => i.id),
  };
}

async function loadLedger(browser: Browser): Promise<Ids> {
  const of: Record<string, string> = {};
  for (const name of ['Kluczowi', 'Ryzykowni']) {
    const response = await browser.request('POST', '/api/categories', { name, colour: '#336699' });
    of[name] = response.body.id;
  }
  for (const [name, type, choices] of [
    ['Opiekun', 'text'],
    ['Limit', 'number'],
    ['VIP', 'boolean'],
    ['Segment', 'choice', ['A', 'B', 'C']],
  ] as const) {
    const response = await browser.request('POST', '/api/attributes', {
      name,
      type,
      ...(choices ? { choices } : {}),
    });
    expect(response.status).toBe(201);
    of[name] = response.body.id;
  }
  const batch = await browser.request('POST', '/api/ledger/batch', {
    customers: ledger.customers.map(({ lastPayment: _, ...c }) => c),
    invoices: ledger.invoices.map((i) => ({
      id: i.id,
      number: i.id,
      customerId: i.customerId,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      amount: major(i.amount, i.currency),
    })),
    payments: ledger.payments,
  });
  expect(batch.status).toBe(200);
  expect(batch.body.summary.rejected).toBe(0);
  await expect
    .poll(async () => (await browser.request('GET', '/api/payments?limit=200')).body.items.length)
    .toBe(ledger.payments.length);
  return { of, names: Object.fromEntries(Object.entries(of).map(([k, v]) => [v, k])) };
}

/** The data each event type below needs beside the message's id. */
const MESSAGE_DATA: Record<string, object> = {
  MessageHeldForApproval: { notBefore: '2026-03-02T08:00:00Z' },
  MessageApproved: {},
  MessageRejected: { reason: 'za wcześnie' },
  MessageSent: { outcome: 'sent', attempt: 1 },
  MessageDelivered: { at: '2026-03-02T08:01:00Z' },
  MessageOpened: { at: '2026-03-02T09:00:00Z' },
  MessageBounced: { at: '2026-03-02T08:01:00Z', detail: 'mailbox full' },
  MessageFailed: { at: '2026-03-02T08:01:00Z', detail: 'no such number' },
  MessageRefused: { reason: 'rate limited', attempt: 1 },
  MessageRetryScheduled: { attempt: 1, reason: 'rate limited', retryAt: '2026-03-02T09:00:00Z' },
  MessageOutcomeUnknown: { attempt: 1, reason: 'connection lost' },
};

/**
 * Writes the generated steps reached and messages to the company's log, as the collection
 * scheduler and the dispatcher would, and waits until the read models hold all of it.
 */
async function writeCollection(tenantId: string) {
  const pool = createTestPool(access.database.url, 2);
  const { rows } = await pool.query<{ source_id: string; id: string }>(
    `SELECT source_id, invoice_id AS id FROM rm_invoices WHERE tenant_id = $1
     UNION ALL SELECT source_id, customer_id FROM rm_customers WHERE tenant_id = $1`,
    [tenantId],
  );
  const uuid = new Map(rows.map((row) => [row.source_id, row.id]));
  const store = new PostgresEventStore({
    pool,
    eventTypes: new EventTypeRegistry([...collectionEventTypes, ...messageEventTypes]),
    logger: pino({ level: 'silent' }),
  });
  const append = (streamId: string, events: [string, object][]) =>
    store.append(
      { tenantId, streamId },
      events.map(([type, data]) => ({
        id: randomUUID(),
        type,
        data,
        metadata: {
          tenantId,
          actor: { kind: 'system', id: 'test' },
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: '2026-03-02T08:00:00Z',
        },
      })),
      { expectedVersion: 'any' },
    );
  // A history row for each of a message's events after its queuing: the log has caught up.
  let changes = 0;
  for (const step of collection.reached) {
    const customerId = uuid.get(step.customerId)!;
    await append(collectionStream(step.processId, customerId), [
      [
        'CollectionStepReached',
        {
          processId: step.processId,
          stepId: step.stepId,
          customerId,
          currency: step.currency,
          invoiceIds: step.invoiceIds.map((id) => uuid.get(id)!),
          ...(step.skipped ? { skipped: 'no_address' } : { messageId: randomUUID() }),
        },
      ],
    ]);
  }
  for (const message of collection.messages) {
    const messageId = randomUUID();
    const queued = {
      messageId,
      medium: 'email',
      channel: 'sandbox',
      accountId: null,
      to: 'ksiegowosc@example.pl',
      subject: 'Przypomnienie',
      text: 'Przypominamy o zaległej płatności.',
      purpose: message.purpose,
      customerId: uuid.get(message.customerId)!,
    };
    const after = MESSAGE_ENDINGS[message.ending]!;
    changes += after.length;
    await append(messageStream(messageId), [
      ['MessageQueued', queued],
      ...after.map((type): [string, object] => [type, { messageId, ...MESSAGE_DATA[type] }]),
    ]);
  }
  const count = async (table: string) =>
    (await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]))
      .rows[0].n;
  const progress = collection.reached.reduce((sum, step) => sum + step.invoiceIds.length, 0);
  await expect.poll(() => count('rm_collection_progress')).toBe(progress);
  await expect.poll(() => count('rm_message_history')).toBe(changes);
  await store.close();
  await pool.end();
}

const DEFAULT_SCHEME = '00000000-0000-4000-8000-000000000001';

function documents(ids: Ids) {
  const { of } = ids;
  return [
    { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
    {
      criteria: {
        and: [
          { field: 'daysOverdue', op: 'between', value: { min: 30 } },
          { field: 'category', op: 'noneOf', value: [of.Ryzykowni] },
        ],
      },
    },
    {
      criteria: {
        or: [
          {
            and: [
              { field: 'currency', op: 'in', value: ['EUR'] },
              { field: 'openAmount', op: 'between', value: { min: '500.00' } },
            ],
          },
          {
            and: [
              { field: 'city', op: 'in', value: ['kraków'] },
              { field: 'hasEmail', op: 'is', value: true },
            ],
          },
        ],
      },
    },
    {
      criteria: {
        not: {
          or: [
            { field: 'category', op: 'anyOf', value: [of.Kluczowi] },
            { field: 'attribute', attributeId: of.VIP, op: 'equals', value: true },
          ],
        },
      },
    },
    {
      criteria: {
        and: [
          { field: 'customerOverdue', op: 'between', value: { min: '1000' } },
          { field: 'overdueInvoices', op: 'between', value: { min: 2 } },
          { field: 'lastPayment', op: 'noneSince', value: shift(today, -30) },
        ],
      },
    },
    {
      criteria: {
        and: [
          {
            field: 'agingBucket',
            op: 'in',
            value: { schemeId: DEFAULT_SCHEME, buckets: ['31-60', '61-90', 'not_due'] },
          },
          { field: 'attribute', attributeId: of.Limit, op: 'between', value: { min: 3000 } },
          { field: 'hasPhone', op: 'is', value: false },
        ],
      },
    },
    {
      criteria: {
        and: [
          { field: 'currency', op: 'in', value: ['PLN'] },
          { field: 'daysOverdue', op: 'between', value: { min: 1, max: 180 } },
          { field: 'openAmount', op: 'between', value: { min: '50,00' } },
          { field: 'category', op: 'noneOf', value: [of.Kluczowi] },
          { field: 'attribute', attributeId: of.Segment, op: 'in', value: ['A', 'B'] },
        ],
      },
    },
    {
      criteria: {
        and: [
          { field: 'dueDate', op: 'between', value: { from: shift(today, -120), to: today } },
          { field: 'issueDate', op: 'between', value: { to: shift(today, -40) } },
          { field: 'amount', op: 'between', value: { max: '90000' } },
          { field: 'country', op: 'notIn', value: ['DE'] },
        ],
      },
    },
    {
      currency: 'EUR',
      includeExcluded: true,
      criteria: { field: 'attribute', attributeId: of.Opiekun, op: 'isNotSet' },
    },
    {
      includeExcluded: true,
      criteria: {
        or: [
          { field: 'city', op: 'notIn', value: ['Warszawa', 'Gdańsk'] },
          { field: 'attribute', attributeId: of.Opiekun, op: 'equals', value: 'Anna' },
        ],
      },
    },
  ];
}

/** Criteria on the steps the generated invoices reached and on contacts with the customers. */
function collectionDocuments() {
  const { standard, export: exports } = collection.processes;
  const first = { processId: standard.id, stepId: standard.steps[0]! };
  const second = { processId: standard.id, stepId: standard.steps[1]! };
  const exported = { processId: exports.id, stepId: exports.steps[0]! };
  return [
    { criteria: { field: 'processStep', op: 'reached', value: first } },
    {
      criteria: {
        and: [
          { field: 'processStep', op: 'notReached', value: second },
          { field: 'currency', op: 'in', value: ['PLN'] },
        ],
      },
    },
    { criteria: { not: { field: 'processStep', op: 'reached', value: exported } } },
    // A step of another process, and ids of nothing: no invoice reached them.
    {
      criteria: {
        field: 'processStep',
        op: 'reached',
        value: { processId: standard.id, stepId: exports.steps[0]! },
      },
    },
    {
      criteria: {
        field: 'processStep',
        op: 'notReached',
        value: { processId: randomUUID(), stepId: randomUUID() },
      },
    },
    { criteria: { field: 'contacted', op: 'is', value: false } },
    {
      criteria: {
        and: [
          { field: 'contacted', op: 'is', value: true },
          { field: 'daysOverdue', op: 'between', value: { min: 1 } },
        ],
      },
    },
    {
      includeExcluded: true,
      criteria: {
        or: [
          { field: 'processStep', op: 'reached', value: second },
          { not: { field: 'contacted', op: 'is', value: true } },
        ],
      },
    },
    {
      criteria: {
        and: [
          { field: 'processStep', op: 'reached', value: first },
          { not: { field: 'processStep', op: 'reached', value: second } },
          { field: 'contacted', op: 'is', value: true },
          {
            or: [
              { field: 'processStep', op: 'reached', value: exported },
              { field: 'hasEmail', op: 'is', value: true },
            ],
          },
        ],
      },
    },
  ];
}

type Selection =
  ReturnType<typeof documents>[number] | ReturnType<typeof collectionDocuments>[number];

/** Compares the previews of `selections` with the calculation here; how many invoices each took. */
async function expectPreviews(browser: Browser, selections: Selection[], ids: Ids) {
  const seen = new Set<number>();
  for (const document of selections) {
    const want = expected(document, ids);
    const response = await browser.request('POST', '/api/groups/preview', document);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect({ ...response.body, items: undefined }, JSON.stringify(document.criteria)).toEqual({
      customers: want.customers,
      invoices: want.invoices,
      currencies: want.currencies,
      items: undefined,
    });
    expect(response.body.items.length).toBe(Math.min(10, want.customers));
    for (const item of response.body.items) expect(want.members).toContain(item.name);
    seen.add(want.invoices);
  }
  return seen;
}

describe('a group preview', () => {
  it('counts and sums what an independent calculation does, nested OR and exclusions too', async () => {
    const { browser } = await signUp(access.server.url, 'Preview');
    const ids = await loadLedger(browser);
    const seen = await expectPreviews(browser, documents(ids), ids);
    // The documents choose different invoices: the checks compare something.
    expect(seen.size).toBeGreaterThan(6);
  });

  it('counts invoices by the steps they reached and customers by whether they were contacted', async () => {
    const { browser, session } = await signUp(access.server.url, 'Kontakty');
    const ids = await loadLedger(browser);
    await writeCollection(session.tenant.id);
    const seen = await expectPreviews(browser, collectionDocuments(), ids);
    expect(seen.size).toBeGreaterThan(6);
    expect(seen).toContain(0);

    // A saved group lists its members from the matching invoices one per row.
    const document = collectionDocuments().at(-1)!;
    const created = await browser.request('POST', '/api/groups', {
      name: 'Po przypomnieniu',
      ...document,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const want = expected(document, ids);
    expect(want.customers).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        const page = await browser.request(
          'GET',
          `/api/groups/${created.body.id}/members?limit=100`,
        );
        return page.body.items?.map((m: { name: string; invoices: { number: string }[] }) => [
          m.name,
          m.invoices.map((i) => i.number).sort(),
        ]);
      })
      .toEqual(want.members.map((name) => [name, want.invoicesOf(name).sort()]));
  });

  it('saves groups as versions and lists their members, as pages and as CSV', async () => {
    const { browser } = await signUp(access.server.url, 'Groups');
    const ids = await loadLedger(browser);
    const [first, second] = documents(ids).slice(1, 3) as [
      ReturnType<typeof documents>[number],
      ReturnType<typeof documents>[number],
    ];
    const created = await browser.request('POST', '/api/groups', { name: 'Po terminie', ...first });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Po terminie', version: 1, includeExcluded: false });
    const id = created.body.id;
    const stale = await browser.request('PUT', `/api/groups/${id}`, {
      name: 'Po terminie',
      ...second,
      expectedVersion: 2,
    });
    expect(stale.status).toBe(409);
    const changed = await browser.request('PUT', `/api/groups/${id}`, {
      name: 'Eksport i Kraków',
      ...second,
      expectedVersion: 1,
    });
    expect(changed.body).toMatchObject({ version: 2, name: 'Eksport i Kraków' });
    await expect
      .poll(async () => (await browser.request('GET', `/api/groups/${id}`)).body.version)
      .toBe(2);
    const versions = (await browser.request('GET', `/api/groups/${id}/versions`)).body.items;
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [2, 'Eksport i Kraków'],
      [1, 'Po terminie'],
    ]);

    const want = expected(second, ids);
    const names: string[] = [];
    const numbers: string[] = [];
    let after = '';
    do {
      const page = (await browser.request('GET', `/api/groups/${id}/members?limit=3${after}`)).body;
      for (const member of page.items) {
        names.push(member.name);
        numbers.push(...member.invoices.map((i: { number: string }) => i.number));
      }
      after = page.next ? `&after=${page.next}` : '';
    } while (after);
    expect(names).toEqual(want.members);
    expect(numbers.sort()).toEqual(want.numbers);

    const csv = await fetch(`${access.server.url}/api/groups/${id}/members.csv`, {
      headers: { cookie: browser.cookie! },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toContain('customer,tax_id,invoice');
    expect(lines.length - 1).toBe(want.invoices);

    expect((await browser.request('DELETE', `/api/groups/${id}`)).status).toBe(204);
    await expect
      .poll(async () => (await browser.request('GET', `/api/groups/${id}`)).status)
      .toBe(404);
  });

  it('refuses malicious criteria with a clear 400 and runs SQL-looking text as a value', async () => {
    const { browser } = await signUp(access.server.url, 'Malice');
    await loadLedger(browser);
    const refused = async (criteria: unknown) => {
      const response = await browser.request('POST', '/api/groups/preview', { criteria });
      expect(response.status).toBe(400);
      return response.body.errors as { pointer: string; detail: string }[];
    };
    expect(await refused({ field: 'password', op: 'in', value: ['x'] })).toContainEqual({
      pointer: '/body/criteria/field',
      detail: 'must be equal to one of the allowed values',
    });
    expect(
      await refused({ field: 'currency', op: 'in', value: ["PLN'); DROP TABLE rm_invoices; --"] }),
    ).toContainEqual(expect.objectContaining({ pointer: '/body/criteria/value/0' }));
    expect(await refused({ field: 'currency', op: 'like', value: ['PLN'] })).toContainEqual(
      expect.objectContaining({ pointer: '/body/criteria/op' }),
    );
    // Too deep for JSON.stringify itself, so written out by hand.
    const depth = 50_000;
    const deep = await fetch(`${access.server.url}/api/groups/preview`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: browser.cookie!,
        'x-csrf-token': browser.csrfToken!,
      },
      body: `{"criteria":${'{"not":'.repeat(depth)}{"field":"hasEmail","op":"is","value":true}${'}'.repeat(depth)}}`,
    });
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      'nests deeper than 6 levels',
    );
    expect(
      await refused({
        or: Array.from({ length: 60 }, () => ({ field: 'hasEmail', op: 'is', value: true })),
      }),
    ).toContainEqual(expect.objectContaining({ pointer: '/body/criteria/or' }));
    expect(
      await refused({
        field: 'attribute',
        attributeId: '00000000-0000-4000-8000-00000000abcd',
        op: 'isSet',
      }),
    ).toContainEqual({ pointer: '/body/criteria/attributeId', detail: 'no such attribute' });
    const step = { processId: randomUUID(), stepId: randomUUID() };
    expect(
      await refused({
        field: 'processStep',
        op: 'reached',
        value: { ...step, stepId: "1' OR '1'='1" },
      }),
    ).toEqual([{ pointer: '/body/criteria/value/stepId', detail: 'must match format "uuid"' }]);
    expect(
      await refused({ field: 'processStep', op: 'reached', value: { ...step, sql: 'DROP' } }),
    ).toEqual([{ pointer: '/body/criteria/value/sql', detail: 'is not allowed' }]);
    expect(
      await refused({ field: 'contacted', op: 'is', value: false, processId: step.processId }),
    ).toContainEqual(expect.objectContaining({ pointer: '/body/criteria/processId' }));
    expect(await refused({ field: 'contacted', op: 'is', value: 'never' })).toEqual([
      { pointer: '/body/criteria/value', detail: 'must be boolean' },
    ]);

    const sqlAsText = await browser.request('POST', '/api/groups/preview', {
      criteria: { field: 'city', op: 'in', value: ["Kraków' OR 1=1; DROP TABLE rm_invoices; --"] },
    });
    expect(sqlAsText.status).toBe(200);
    expect(sqlAsText.body.customers).toBe(0);
    const after = await browser.request('POST', '/api/groups/preview', {
      criteria: { field: 'currency', op: 'in', value: ['PLN'] },
    });
    expect(after.body.customers).toBeGreaterThan(0);
  });
});
