import { MonityError } from '../../src/errors.ts';
import { defineRoute, type JsonSchema } from '../../src/http/index.ts';

interface NewInvoice {
  number: string;
  amount: number;
}

export const newInvoiceSchema: JsonSchema<NewInvoice> = {
  type: 'object',
  properties: {
    number: { type: 'string', minLength: 1 },
    amount: { type: 'integer', minimum: 1 },
  },
  required: ['number', 'amount'],
  additionalProperties: false,
};

export const createInvoice = defineRoute({
  method: 'POST',
  path: '/api/customers/:customerId/invoices',
  operationId: 'createInvoice',
  summary: 'Issue an invoice',
  tags: ['invoices'],
  access: 'public',
  params: {
    type: 'object',
    properties: { customerId: { type: 'integer', minimum: 1 } },
    required: ['customerId'],
  },
  body: newInvoiceSchema,
  responses: { 201: { description: 'Issued', schema: newInvoiceSchema } },
  handler: (ctx, { params, body }) => {
    ctx.status = 201;
    return { ...body, customerId: params.customerId };
  },
});

export const listInvoices = defineRoute({
  method: 'GET',
  path: '/api/invoices',
  operationId: 'listInvoices',
  summary: 'Invoices, a page at a time',
  tags: ['invoices'],
  access: 'public',
  query: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      overdue: { type: 'boolean', description: 'Only overdue invoices' },
      status: { type: 'array', items: { enum: ['open', 'paid'] } },
    },
  },
  responses: { 200: { description: 'The page' } },
  handler: (_ctx, { query }) => ({ query }),
});

const failWithMonityError = defineRoute({
  method: 'GET',
  path: '/api/conflict',
  operationId: 'failWithMonityError',
  summary: 'Always conflicts',
  tags: ['test'],
  access: 'public',
  responses: { 409: { description: 'Conflict' } },
  handler: () => {
    throw new MonityError('invoice_already_issued', 'Invoice FV/1/2025 is already issued', 409);
  },
});

const failUnexpectedly = defineRoute({
  method: 'GET',
  path: '/api/crash',
  operationId: 'failUnexpectedly',
  summary: 'Always crashes',
  tags: ['test'],
  access: 'public',
  responses: {},
  handler: () => {
    throw new Error('connection to db-7.internal:5432 refused');
  },
});

export const whoAmI = defineRoute({
  method: 'GET',
  path: '/api/whoami',
  operationId: 'whoAmI',
  summary: 'The request id, as the request scope sees it',
  tags: ['test'],
  access: 'public',
  responses: { 200: { description: 'The request id' } },
  handler: (ctx) => ({ requestId: ctx.state.container.resolve<string>('requestId') }),
});

export const testRoutes = [
  createInvoice,
  listInvoices,
  failWithMonityError,
  failUnexpectedly,
  whoAmI,
];
