/**
 * JSON Schemas of the import records (importRecords.ts): the shape only — types and lengths.
 * Whether a tax id, a phone or an amount is right is checked per record by validateRecords.ts,
 * so one bad record is refused on its own while the rest of a batch lands.
 */
const text = (maxLength = 200) => ({ type: 'string', maxLength }) as const;
const texts = { type: 'array', maxItems: 20, items: text(320) } as const;
const object = (properties: Record<string, object>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

const customerDetails = {
  name: text(),
  taxId: text(40),
  country: text(2),
  street: text(),
  postalCode: text(20),
  city: text(),
  emails: texts,
  phones: texts,
};

/** What a person may change of a customer by hand; the rest comes from the ERP. */
export const customerChangesSchema = object(customerDetails, []);

const customerRecordSchema = object(
  {
    id: text(),
    ...customerDetails,
    categories: texts,
    attributes: { type: 'object', maxProperties: 50, additionalProperties: text(500) },
    excluded: { type: 'boolean' },
  },
  ['id', 'name'],
);

const invoiceRecordSchema = object(
  {
    id: text(),
    number: text(),
    customerId: text(),
    issueDate: text(10),
    dueDate: text(10),
    currency: text(3),
    amount: text(30),
    openAmount: text(30),
    balanceDate: text(10),
    corrects: text(),
    cancelled: { type: 'boolean' },
  },
  ['id', 'number', 'customerId', 'issueDate', 'dueDate', 'currency', 'amount'],
);

const paymentRecordSchema = object(
  {
    id: text(),
    customerId: text(),
    date: text(10),
    currency: text(3),
    amount: text(30),
    reference: text(500),
    allocations: {
      type: 'array',
      maxItems: 1000,
      items: object({ invoiceId: text(), amount: text(30) }, ['invoiceId', 'amount']),
    },
  },
  ['id', 'customerId', 'date', 'currency', 'amount'],
);

export const MAX_BATCH_RECORDS = 10_000;

export const ledgerBatchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customers: { type: 'array', maxItems: MAX_BATCH_RECORDS, items: customerRecordSchema },
    invoices: { type: 'array', maxItems: MAX_BATCH_RECORDS, items: invoiceRecordSchema },
    payments: { type: 'array', maxItems: MAX_BATCH_RECORDS, items: paymentRecordSchema },
  },
};
