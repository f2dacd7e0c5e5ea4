import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { onCustomerAccount } from './accountCommands.ts';
import { openAmount, type CustomerAccount, type InvoiceState } from './customerAccount.ts';
import { allocateOldestFirst, type PendingEvent } from './decideRecords.ts';
import { dayIn } from './tenantToday.ts';
import { formatAmount, parseAmount } from './values/money.ts';
import { isIsoDate } from './values/isoDate.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const decimal = { type: 'string', maxLength: 30 } as const;
const reason = { type: 'string', maxLength: 500 } as const;

interface InvoiceParams {
  id: string;
  invoiceId: string;
}
const invoiceParams: JsonSchema<InvoiceParams> = {
  type: 'object',
  required: ['id', 'invoiceId'],
  properties: { id: uuid, invoiceId: uuid },
};

/** Runs a command on one invoice of a customer account, decided against the account's stream. */
function onInvoice<T>(
  ctx: HttpContext,
  params: InvoiceParams,
  decide: (
    invoice: InvoiceState,
    account: CustomerAccount,
    today: string,
  ) => {
    events: PendingEvent[];
    result: T;
  },
) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query<{ time_zone: string }>(
      'SELECT time_zone FROM tenants WHERE id = $1',
      [tenantId],
    );
    const command = commandContextOf(ctx);
    const today = dayIn(rows[0]?.time_zone ?? 'Europe/Warsaw', command.clock);
    return onCustomerAccount(tx, command, tenantId, params.id, (account) => {
      const invoice = account.invoices.get(params.invoiceId);
      if (!invoice) throw new NotFoundError('No such invoice of this customer');
      return decide(invoice, account, today);
    });
  });
}

function amountOf(text: string, currency: string, pointer: string): number {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok || parsed.minor <= 0) {
    const message = parsed.ok ? 'must be above zero' : parsed.problem;
    throw new ValidationError('Not an amount', [{ pointer, message }]);
  }
  return parsed.minor;
}

const writeOff = defineRoute<InvoiceParams, unknown, { amount?: string; reason?: string }>({
  method: 'POST',
  path: '/api/customers/:id/invoices/:invoiceId/write-off',
  operationId: 'writeOffInvoice',
  summary: 'Write off what is open on an invoice, or a part of it',
  tags: ['ledger'],
  access: 'ledger.write',
  params: invoiceParams,
  body: { type: 'object', additionalProperties: false, properties: { amount: decimal, reason } },
  responses: { 200: { description: 'What is open on the invoice afterwards' } },
  handler: (ctx, { params, body }) =>
    onInvoice(ctx, params, (invoice, _account, today) => {
      const open = openAmount(invoice);
      const amount = body.amount ? amountOf(body.amount, invoice.currency, '/body/amount') : open;
      if (open <= 0)
        throw new ValidationError('Nothing is open', [
          { pointer: '/body', message: 'the invoice is settled' },
        ]);
      if (amount > open) {
        throw new ValidationError('More than is open', [
          {
            pointer: '/body/amount',
            message: `exceeds the ${formatAmount(open, invoice.currency)} open`,
          },
        ]);
      }
      const data = {
        invoiceId: invoice.invoiceId,
        date: today,
        amount,
        ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}),
      };
      return {
        events: [{ type: 'InvoiceWrittenOff', data }],
        result: { open: formatAmount(open - amount, invoice.currency), currency: invoice.currency },
      };
    }),
});

const cancel = defineRoute<InvoiceParams, unknown, { reason?: string }>({
  method: 'POST',
  path: '/api/customers/:id/invoices/:invoiceId/cancellation',
  operationId: 'cancelInvoice',
  summary: 'Cancel an invoice issued by mistake: nothing is owed on it any more',
  tags: ['ledger'],
  access: 'ledger.write',
  params: invoiceParams,
  body: { type: 'object', additionalProperties: false, properties: { reason } },
  responses: { 200: { description: 'The invoice is cancelled' } },
  handler: (ctx, { params, body }) =>
    onInvoice(ctx, params, (invoice) => {
      const data = {
        invoiceId: invoice.invoiceId,
        ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}),
      };
      return {
        events: invoice.cancelled ? [] : [{ type: 'InvoiceCancelled', data }],
        result: { cancelled: true },
      };
    }),
});

const dueDate = defineRoute<InvoiceParams, unknown, { dueDate: string }>({
  method: 'PUT',
  path: '/api/customers/:id/invoices/:invoiceId/due-date',
  operationId: 'changeInvoiceDueDate',
  summary: "Move an invoice's due date, e.g. after an agreed deferral",
  tags: ['ledger'],
  access: 'ledger.write',
  params: invoiceParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['dueDate'],
    properties: { dueDate: { type: 'string', format: 'date' } },
  },
  responses: { 200: { description: 'The due date as changed' } },
  handler: (ctx, { params, body }) =>
    onInvoice(ctx, params, (invoice) => {
      if (!isIsoDate(body.dueDate) || body.dueDate < invoice.issueDate) {
        throw new ValidationError('Not a due date of this invoice', [
          { pointer: '/body/dueDate', message: 'must not be before the issue date' },
        ]);
      }
      const same = invoice.dueDate === body.dueDate;
      const data = { invoiceId: invoice.invoiceId, dueDate: body.dueDate };
      return {
        events: same ? [] : [{ type: 'InvoiceDueDateChanged', data }],
        result: { dueDate: body.dueDate },
      };
    }),
});

interface AllocationBody {
  allocations?: { invoiceId: string; amount: string }[];
}

const allocate = defineRoute<{ id: string; paymentId: string }, unknown, AllocationBody>({
  method: 'POST',
  path: '/api/customers/:id/payments/:paymentId/allocation',
  operationId: 'allocatePayment',
  summary: "Allocate a payment's unallocated credit to invoices, given or oldest due first",
  tags: ['ledger'],
  access: 'ledger.write',
  params: {
    type: 'object',
    required: ['id', 'paymentId'],
    properties: { id: uuid, paymentId: uuid },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allocations: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['invoiceId', 'amount'],
          properties: { invoiceId: uuid, amount: decimal },
        },
      },
    },
  },
  responses: { 200: { description: 'What was allocated and what credit is left' } },
  handler: (ctx, { params, body }) =>
    inPrincipalTenant(ctx, (tx, tenantId) =>
      onCustomerAccount(tx, commandContextOf(ctx), tenantId, params.id, (account) => {
        const payment = account.payments.get(params.paymentId);
        if (!payment) throw new NotFoundError('No such payment of this customer');
        const credit = payment.amount - payment.allocated;
        const planned = new Map<string, number>();
        const allocations = body.allocations
          ? body.allocations.map(({ invoiceId, amount }, i) => {
              const pointer = `/body/allocations/${i}`;
              const invoice = account.invoices.get(invoiceId);
              if (!invoice || invoice.currency !== payment.currency) {
                throw new ValidationError('Not an invoice this payment can pay', [
                  {
                    pointer: `${pointer}/invoiceId`,
                    message: `must be an invoice of the customer in ${payment.currency}`,
                  },
                ]);
              }
              const minor = amountOf(amount, payment.currency, `${pointer}/amount`);
              const left = openAmount(invoice) - (planned.get(invoiceId) ?? 0);
              if (minor > left) {
                throw new ValidationError('More than is open', [
                  { pointer: `${pointer}/amount`, message: 'exceeds what is open on the invoice' },
                ]);
              }
              planned.set(invoiceId, (planned.get(invoiceId) ?? 0) + minor);
              return { invoiceId, amount: minor };
            })
          : allocateOldestFirst(account, payment.currency, credit);
        const total = allocations.reduce((sum, a) => sum + a.amount, 0);
        if (total > credit) {
          throw new ValidationError('More than the payment has left', [
            {
              pointer: '/body/allocations',
              message: `exceed the ${formatAmount(credit, payment.currency)} left`,
            },
          ]);
        }
        const method = body.allocations ? 'explicit' : 'oldest_due_first';
        const data = { paymentId: payment.paymentId, date: payment.date, method, allocations };
        return {
          events: allocations.length > 0 ? [{ type: 'PaymentAllocated', data }] : [],
          result: {
            allocated: formatAmount(total, payment.currency),
            credit: formatAmount(credit - total, payment.currency),
            currency: payment.currency,
          },
        };
      }),
    ),
});

export const invoiceRoutes: RouteDefinition[] = [writeOff, cancel, dueDate, allocate];
