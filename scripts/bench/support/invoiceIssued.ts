import type { EventTypeDefinition } from '@monity/core';

export type Currency = 'PLN' | 'EUR' | 'USD';

// A type, not an interface: Emmett wants event data assignable to Record<string, unknown>.
export type InvoiceIssued = {
  /** As printed on the invoice, e.g. `FV/123/11/2026`: number in month / month / year. */
  invoiceNumber: string;
  customer: { code: string; taxId: string; name: string; city: string };
  issueDate: string;
  dueDate: string;
  currency: Currency;
  /** Amounts in minor units (grosze, cents). */
  netAmount: number;
  vatAmount: number;
  grossAmount: number;
};

const amount = { type: 'integer', minimum: 0, maximum: 1e13 } as const;
const date = { type: 'string', format: 'date' } as const;

export const invoiceIssuedType: EventTypeDefinition = {
  type: 'InvoiceIssued',
  version: 1,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [
      'invoiceNumber',
      'customer',
      'issueDate',
      'dueDate',
      'currency',
      'netAmount',
      'vatAmount',
      'grossAmount',
    ],
    properties: {
      invoiceNumber: { type: 'string', minLength: 1, maxLength: 64 },
      customer: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'taxId', 'name', 'city'],
        properties: {
          code: { type: 'string', minLength: 1, maxLength: 64 },
          taxId: { type: 'string', pattern: '^[0-9]{10}$' },
          name: { type: 'string', minLength: 1, maxLength: 300 },
          city: { type: 'string', maxLength: 100 },
        },
      },
      issueDate: date,
      dueDate: date,
      currency: { enum: ['PLN', 'EUR', 'USD'] },
      netAmount: amount,
      vatAmount: amount,
      grossAmount: amount,
    },
  },
};
