import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const text = { type: 'string', maxLength: 500 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
const minor = { type: 'integer' } as const;
const strings = { type: 'array', items: text } as const;
const address = {
  country: { type: 'string', pattern: '^[A-Z]{2}$' },
  street: text,
  postalCode: text,
  city: text,
} as const;

/**
 * The facts of the receivables ledger. All of a customer's facts, invoices and payments
 * included, live in one stream per customer account (`customer-<id>`): allocating a payment to
 * the oldest invoices is then decided against one consistent state. Amounts are integer minor
 * units of the invoice's or payment's currency.
 *
 * The ledger writer's import has only the first event of each type in a batch checked against
 * these schemas (docs/decisions/2026-12-04-ledger-writer-events-checked-once-per-type.md): a
 * limit added here needs the matching check in validateRecords.ts, or the rest of a batch's
 * events could break it unseen.
 */
export const ledgerEventTypes: EventTypeDefinition[] = [
  eventType(
    'CustomerRegistered',
    { customerId: uuid, sourceId: text, name: text, taxId: text, ...address },
    ['taxId', 'street', 'postalCode', 'city'],
  ),
  eventType(
    'CustomerDetailsChanged',
    { customerId: uuid, name: text, taxId: { anyOf: [text, { type: 'null' }] }, ...address },
    ['name', 'taxId', 'country', 'street', 'postalCode', 'city'],
  ),
  eventType('CustomerContactsChanged', { customerId: uuid, emails: strings, phones: strings }),
  eventType('CustomerCategorised', {
    customerId: uuid,
    categoryIds: { type: 'array', items: uuid },
  }),
  eventType('CustomerAttributeSet', {
    customerId: uuid,
    attributeId: uuid,
    value: { anyOf: ['string', 'number', 'boolean', 'null'].map((type) => ({ type })) },
  }),
  eventType('CustomerExcludedFromCollection', { customerId: uuid, reason: text }, ['reason']),
  eventType('CustomerReturnedToCollection', { customerId: uuid }),
  eventType('InvoiceIssued', {
    invoiceId: uuid,
    sourceId: text,
    number: text,
    issueDate: date,
    dueDate: date,
    currency,
    amount: minor,
  }),
  eventType(
    'InvoiceCorrected',
    { invoiceId: uuid, creditNoteId: text, number: text, date, change: minor },
    ['creditNoteId', 'number'],
  ),
  eventType('InvoiceDueDateChanged', { invoiceId: uuid, dueDate: date }),
  eventType('InvoiceSettledInErp', { invoiceId: uuid, date, amount: minor }),
  eventType('InvoiceWrittenOff', { invoiceId: uuid, date, amount: minor, reason: text }, [
    'reason',
  ]),
  eventType('InvoiceCancelled', { invoiceId: uuid, reason: text }, ['reason']),
  eventType(
    'PaymentRecorded',
    { paymentId: uuid, sourceId: text, date, currency, amount: minor, reference: text },
    ['reference'],
  ),
  eventType('PaymentAllocated', {
    paymentId: uuid,
    date,
    method: { enum: ['explicit', 'oldest_due_first'] },
    allocations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['invoiceId', 'amount'],
        properties: { invoiceId: uuid, amount: { type: 'integer', minimum: 1 } },
      },
    },
  }),
  eventType(
    'NoteAdded',
    { noteId: uuid, invoiceId: uuid, authorId: uuid, text: { type: 'string', maxLength: 10000 } },
    ['invoiceId'],
  ),
  eventType('NoteEdited', { noteId: uuid, text: { type: 'string', maxLength: 10000 } }),
  eventType('NoteDeleted', { noteId: uuid }),
];
