import {
  defineRoute,
  NotFoundError,
  readCatalogue,
  type JsonSchema,
  type RouteDefinition,
} from '@monity/core';
import { agingReport } from './agingQuery.ts';
import { reading } from './tenantReading.ts';
import {
  CUSTOMER_SORTS,
  customerById,
  customerTimeline,
  listCustomers,
  type CustomerFilter,
} from './customerQueries.ts';
import {
  INVOICE_SORTS,
  INVOICE_STATUSES,
  invoiceById,
  listInvoices,
  type InvoiceFilter,
} from './invoiceQueries.ts';
import { PAYMENT_SORTS, listPayments, type PaymentFilter } from './paymentQueries.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const date = { type: 'string', format: 'date' } as const;
const text = { type: 'string', maxLength: 200 } as const;
const currency = { type: 'string', pattern: '^[A-Za-z]{3}$' } as const;
const page = {
  after: { type: 'string', maxLength: 500 },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
};
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: uuid },
};

function query<T>(properties: Record<string, object>): JsonSchema<T> {
  return { type: 'object', additionalProperties: false, properties: { ...properties, ...page } };
}

type Paged<T> = T & { after?: string; limit: number };

const customers = defineRoute<unknown, Paged<CustomerFilter>>({
  method: 'GET',
  path: '/api/customers',
  operationId: 'listCustomers',
  summary: 'Customers with their open and overdue amounts per currency',
  tags: ['ledger'],
  access: 'ledger.read',
  query: query({
    q: text,
    categoryId: uuid,
    excluded: { type: 'boolean' },
    country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    city: text,
    currency,
    overdue: { type: 'boolean' },
    sort: { enum: [...CUSTOMER_SORTS] },
  }),
  responses: { 200: { description: 'One page of customers and the cursor of the next' } },
  handler: (ctx, { query }) =>
    reading(ctx, (tx, tenantId, today) => listCustomers(tx, tenantId, today, query)),
});

const customer = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/customers/:id',
  operationId: 'getCustomer',
  summary: 'A customer with balances per currency, last payment and notes',
  tags: ['ledger'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The customer' } },
  handler: (ctx, { params }) =>
    reading(ctx, (tx, tenantId, today) => customerById(tx, tenantId, today, params.id)),
});

const timeline = defineRoute<{ id: string }, { after?: number; limit: number }>({
  method: 'GET',
  path: '/api/customers/:id/timeline',
  operationId: 'getCustomerTimeline',
  summary: "The customer account's events, newest first",
  tags: ['ledger'],
  access: 'ledger.read',
  params: idParams,
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { after: { type: 'integer', minimum: 1 }, limit: page.limit },
  },
  responses: { 200: { description: 'One page of events' } },
  handler: (ctx, { params, query }) =>
    reading(ctx, (tx, tenantId) => customerTimeline(tx, tenantId, params.id, query)),
});

const invoices = defineRoute<unknown, Paged<InvoiceFilter>>({
  method: 'GET',
  path: '/api/invoices',
  operationId: 'listInvoices',
  summary: 'Invoices with their open amount and days overdue as of today',
  tags: ['ledger'],
  access: 'ledger.read',
  query: query({
    customerId: uuid,
    q: text,
    status: { enum: [...INVOICE_STATUSES] },
    currency,
    dueFrom: date,
    dueTo: date,
    sort: { enum: [...INVOICE_SORTS] },
  }),
  responses: { 200: { description: 'One page of invoices and the cursor of the next' } },
  handler: (ctx, { query }) =>
    reading(ctx, (tx, tenantId, today) => listInvoices(tx, tenantId, today, query)),
});

const invoice = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/invoices/:id',
  operationId: 'getInvoice',
  summary: 'An invoice with its corrections, payments and notes',
  tags: ['ledger'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The invoice' } },
  handler: (ctx, { params }) =>
    reading(ctx, (tx, tenantId, today) => invoiceById(tx, tenantId, today, params.id)),
});

const payments = defineRoute<unknown, Paged<PaymentFilter>>({
  method: 'GET',
  path: '/api/payments',
  operationId: 'listPayments',
  summary: 'Payments with what of each is allocated and what is left as credit',
  tags: ['ledger'],
  access: 'ledger.read',
  query: query({
    customerId: uuid,
    q: text,
    currency,
    from: date,
    to: date,
    unallocated: { type: 'boolean' },
    sort: { enum: [...PAYMENT_SORTS] },
  }),
  responses: { 200: { description: 'One page of payments and the cursor of the next' } },
  handler: (ctx, { query }) => reading(ctx, (tx, tenantId) => listPayments(tx, tenantId, query)),
});

interface AgingQuery {
  schemeId?: string;
  currency?: string;
  asOf?: string;
}

const aging = defineRoute<unknown, AgingQuery>({
  method: 'GET',
  path: '/api/aging',
  operationId: 'getAging',
  summary: 'Count and open amount per aging bucket and currency, today or as of a past day',
  tags: ['ledger'],
  access: 'ledger.read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { schemeId: uuid, currency, asOf: date },
  },
  responses: { 200: { description: 'The aging report' } },
  handler: (ctx, { query }) =>
    reading(ctx, async (tx, tenantId, today) => {
      const catalogue = await readCatalogue(tx, tenantId);
      const scheme = query.schemeId
        ? catalogue.schemes.get(query.schemeId)
        : catalogue.schemes.values().next().value;
      if (!scheme) throw new NotFoundError('No such aging scheme');
      const asOf = query.asOf ?? today;
      const currencies = await agingReport(tx, tenantId, {
        buckets: scheme.buckets,
        asOf,
        today,
        ...(query.currency ? { currency: query.currency.toUpperCase() } : {}),
      });
      return { schemeId: scheme.schemeId, asOf, currencies };
    }),
});

export const ledgerReadRoutes: RouteDefinition[] = [
  customers,
  customer,
  timeline,
  invoices,
  invoice,
  payments,
  aging,
];
