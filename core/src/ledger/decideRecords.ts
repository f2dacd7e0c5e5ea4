import type { FieldError } from '../errors.ts';
import { findByName, readAttributeValue, type Catalogue } from './catalogue.ts';
import { evolve, openAmount, type CustomerAccount, type InvoiceState } from './customerAccount.ts';
import { customerIdOf, invoiceIdOf, paymentIdOf } from './ledgerIds.ts';
import type { ValidCustomer, ValidInvoice, ValidPayment } from './validateRecords.ts';

export type ValidRecord =
  | { kind: 'customer'; value: ValidCustomer }
  | { kind: 'invoice'; value: ValidInvoice }
  | { kind: 'payment'; value: ValidPayment };

export type RecordStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

/** Source ids that must stay unique in a tenant, with the customer account holding each. */
export type KeyKind = 'invoice' | 'credit_note' | 'payment';
export interface SourceKey {
  kind: KeyKind;
  sourceId: string;
  customerId: string;
}
export const keyOf = (kind: KeyKind, sourceId: string) => `${kind}:${sourceId}`;

export interface DecisionState {
  tenantId: string;
  /** The day the import runs, in the tenant's time zone: the default balance date. */
  today: string;
  catalogue: Catalogue;
  /** Accounts by customer id; an account missing here is read as not existing yet. */
  accounts: Map<string, CustomerAccount>;
  /** Where each known invoice, credit note and payment belongs, by `keyOf`. */
  keys: Map<string, string>;
}

export interface PendingEvent {
  type: string;
  data: Record<string, unknown>;
}

type Outcome =
  | { status: Exclude<RecordStatus, 'rejected'>; events: PendingEvent[]; key?: SourceKey }
  | { status: 'rejected'; errors: FieldError[] };

const reject = (pointer: string, message: string): Outcome => ({
  status: 'rejected',
  errors: [{ pointer, message }],
});

/**
 * Decides what one valid record changes in its customer's account. Pure: it reads the state
 * and returns events, which the caller applies (`evolve`) before deciding the next record.
 */
export function decideRecord(state: DecisionState, record: ValidRecord): Outcome {
  switch (record.kind) {
    case 'customer':
      return decideCustomer(state, record.value);
    case 'invoice':
      return record.value.corrects
        ? decideCreditNote(state, record.value)
        : decideInvoice(state, record.value);
    case 'payment':
      return decidePayment(state, record.value);
  }
}

function decideCustomer(state: DecisionState, customer: ValidCustomer): Outcome {
  const customerId = customerIdOf(state.tenantId, customer.sourceId);
  const account = state.accounts.get(customerId);
  const events: PendingEvent[] = [];
  const errors: FieldError[] = [];

  const categoryIds = customer.categories?.map((name, i) => {
    const category = findByName(state.catalogue.categories, name);
    if (!category) errors.push({ pointer: `/categories/${i}`, message: `no category "${name}"` });
    return category?.categoryId ?? '';
  });
  const attributes = Object.entries(customer.attributes ?? {}).map(([name, text]) => {
    const attribute = findByName(state.catalogue.attributes, name);
    const pointer = `/attributes/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!attribute) {
      errors.push({ pointer, message: `no attribute "${name}"` });
      return undefined;
    }
    const read = readAttributeValue(attribute, text);
    if (!read.ok) errors.push({ pointer, message: read.problem });
    return read.ok ? { attributeId: attribute.attributeId, value: read.value } : undefined;
  });
  if (errors.length > 0) return { status: 'rejected', errors };

  const { sourceId, name, taxId, country, street, postalCode, city } = customer;
  if (!account?.details) {
    events.push({
      type: 'CustomerRegistered',
      data: withoutNulls({ customerId, sourceId, name, taxId, country, street, postalCode, city }),
    });
  } else {
    const changes: Record<string, unknown> = {};
    const before = account.details;
    if (before.name !== name) changes.name = name;
    if (before.taxId !== taxId) changes.taxId = taxId;
    if (before.country !== country) changes.country = country;
    for (const [key, value] of Object.entries({ street, postalCode, city })) {
      if (before[key as 'street'] !== value && value !== null) changes[key] = value;
    }
    if (Object.keys(changes).length > 0) {
      events.push({ type: 'CustomerDetailsChanged', data: { customerId, ...changes } });
    }
  }
  const emails = customer.emails ?? account?.emails ?? [];
  const phones = customer.phones ?? account?.phones ?? [];
  if (!sameList(emails, account?.emails ?? []) || !sameList(phones, account?.phones ?? [])) {
    events.push({ type: 'CustomerContactsChanged', data: { customerId, emails, phones } });
  }
  if (categoryIds && !sameList([...categoryIds].sort(), [...(account?.categoryIds ?? [])].sort())) {
    events.push({ type: 'CustomerCategorised', data: { customerId, categoryIds } });
  }
  for (const attribute of attributes) {
    if (!attribute) continue;
    const current = account?.attributes.get(attribute.attributeId) ?? null;
    if (current !== attribute.value) {
      events.push({ type: 'CustomerAttributeSet', data: { customerId, ...attribute } });
    }
  }
  if (customer.excluded !== undefined && customer.excluded !== (account?.excluded ?? false)) {
    events.push({
      type: customer.excluded ? 'CustomerExcludedFromCollection' : 'CustomerReturnedToCollection',
      data: { customerId },
    });
  }
  const status = !account?.details ? 'created' : events.length > 0 ? 'updated' : 'unchanged';
  return { status, events };
}

function customerFor(state: DecisionState, customerSourceId: string) {
  const customerId = customerIdOf(state.tenantId, customerSourceId);
  const account = state.accounts.get(customerId);
  return account?.details ? account : undefined;
}

function ownedElsewhere(state: DecisionState, kind: KeyKind, sourceId: string, customerId: string) {
  const owner = state.keys.get(keyOf(kind, sourceId));
  return owner !== undefined && owner !== customerId;
}

function decideInvoice(state: DecisionState, invoice: ValidInvoice): Outcome {
  const account = customerFor(state, invoice.customerSourceId);
  if (!account) return reject('/customerId', `no customer "${invoice.customerSourceId}"`);
  if (ownedElsewhere(state, 'invoice', invoice.sourceId, account.customerId)) {
    return reject('/id', `invoice "${invoice.sourceId}" belongs to another customer`);
  }
  const invoiceId = invoiceIdOf(state.tenantId, invoice.sourceId);
  const existing = account.invoices.get(invoiceId);
  const balanceDate = invoice.balanceDate ?? state.today;

  if (!existing) {
    const { sourceId, number, issueDate, dueDate, currency, amount } = invoice;
    const events: PendingEvent[] = [
      {
        type: 'InvoiceIssued',
        data: { invoiceId, sourceId, number, issueDate, dueDate, currency, amount },
      },
    ];
    if (invoice.openAmount !== undefined && invoice.openAmount < amount) {
      events.push({
        type: 'InvoiceSettledInErp',
        data: { invoiceId, date: balanceDate, amount: amount - invoice.openAmount },
      });
    }
    if (invoice.cancelled) events.push({ type: 'InvoiceCancelled', data: { invoiceId } });
    const key = { kind: 'invoice' as const, sourceId, customerId: account.customerId };
    return { status: 'created', events, key };
  }

  for (const field of ['currency', 'number', 'issueDate'] as const) {
    if (existing[field] !== invoice[field]) {
      return reject(`/${field}`, `was "${existing[field]}" when issued and cannot change`);
    }
  }
  const events: PendingEvent[] = [];
  const erpAmount = existing.amount + existing.corrected - sumOf(existing.creditNotes);
  let open = openAmount(existing);
  if (invoice.amount !== erpAmount) {
    const change = invoice.amount - erpAmount;
    events.push({ type: 'InvoiceCorrected', data: { invoiceId, date: state.today, change } });
    open += change;
  }
  if (existing.dueDate !== invoice.dueDate) {
    events.push({ type: 'InvoiceDueDateChanged', data: { invoiceId, dueDate: invoice.dueDate } });
  }
  if (invoice.openAmount !== undefined && !existing.cancelled && open !== invoice.openAmount) {
    const amount = open - invoice.openAmount;
    events.push({ type: 'InvoiceSettledInErp', data: { invoiceId, date: balanceDate, amount } });
  }
  if (invoice.cancelled && !existing.cancelled) {
    events.push({ type: 'InvoiceCancelled', data: { invoiceId } });
  }
  return { status: events.length > 0 ? 'updated' : 'unchanged', events };
}

function decideCreditNote(state: DecisionState, note: ValidInvoice): Outcome {
  const account = customerFor(state, note.customerSourceId);
  if (!account) return reject('/customerId', `no customer "${note.customerSourceId}"`);
  if (ownedElsewhere(state, 'credit_note', note.sourceId, account.customerId)) {
    return reject('/id', `credit note "${note.sourceId}" belongs to another customer`);
  }
  const target = account.invoices.get(invoiceIdOf(state.tenantId, note.corrects!));
  if (!target) return reject('/corrects', `no invoice "${note.corrects}" of this customer`);
  if (target.currency !== note.currency) {
    return reject('/currency', `must be ${target.currency}, the corrected invoice's currency`);
  }
  const previous = target.creditNotes.get(note.sourceId);
  const change = note.amount - (previous ?? 0);
  if (change === 0) return { status: 'unchanged', events: [] };
  if (target.amount + target.corrected + change < 0) {
    return reject('/amount', 'would bring the corrected invoice below zero');
  }
  const event = {
    type: 'InvoiceCorrected',
    data: {
      invoiceId: target.invoiceId,
      creditNoteId: note.sourceId,
      number: note.number,
      date: note.issueDate,
      change,
    },
  };
  if (previous !== undefined) return { status: 'updated', events: [event] };
  const key = {
    kind: 'credit_note' as const,
    sourceId: note.sourceId,
    customerId: account.customerId,
  };
  return { status: 'created', events: [event], key };
}

function decidePayment(state: DecisionState, payment: ValidPayment): Outcome {
  const account = customerFor(state, payment.customerSourceId);
  if (!account) return reject('/customerId', `no customer "${payment.customerSourceId}"`);
  if (ownedElsewhere(state, 'payment', payment.sourceId, account.customerId)) {
    return reject('/id', `payment "${payment.sourceId}" belongs to another customer`);
  }
  const paymentId = paymentIdOf(state.tenantId, payment.sourceId);
  const existing = account.payments.get(paymentId);
  if (existing) {
    for (const field of ['date', 'currency', 'amount'] as const) {
      if (existing[field] !== payment[field]) {
        return reject(`/${field}`, `the payment was recorded with another ${field}`);
      }
    }
    return { status: 'unchanged', events: [] };
  }
  const { sourceId, date, currency, amount, reference } = payment;
  const events: PendingEvent[] = [
    {
      type: 'PaymentRecorded',
      data: withoutNulls({ paymentId, sourceId, date, currency, amount, reference }),
    },
  ];
  const allocated = payment.allocations
    ? allocateExplicitly(state, account, payment)
    : { ok: true as const, allocations: allocateOldestFirst(account, currency, amount) };
  if (!allocated.ok) return { status: 'rejected', errors: allocated.errors };
  if (allocated.allocations.length > 0) {
    const method = payment.allocations ? 'explicit' : 'oldest_due_first';
    events.push({
      type: 'PaymentAllocated',
      data: { paymentId, date, method, allocations: allocated.allocations },
    });
  }
  const key = { kind: 'payment' as const, sourceId, customerId: account.customerId };
  return { status: 'created', events, key };
}

interface Allocation {
  invoiceId: string;
  amount: number;
}

function allocateExplicitly(
  state: DecisionState,
  account: CustomerAccount,
  payment: ValidPayment,
): { ok: true; allocations: Allocation[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const planned = new Map<string, number>();
  const allocations = payment.allocations!.map(({ invoiceSourceId, amount }, i) => {
    const invoice = account.invoices.get(invoiceIdOf(state.tenantId, invoiceSourceId));
    const pointer = `/allocations/${i}`;
    if (!invoice) {
      errors.push({ pointer: `${pointer}/invoiceId`, message: `no invoice "${invoiceSourceId}"` });
    } else if (invoice.currency !== payment.currency) {
      errors.push({ pointer: `${pointer}/invoiceId`, message: `is in ${invoice.currency}` });
    } else {
      const left = openAmount(invoice) - (planned.get(invoice.invoiceId) ?? 0);
      if (amount > left) {
        errors.push({
          pointer: `${pointer}/amount`,
          message: 'exceeds what is open on the invoice',
        });
      }
      planned.set(invoice.invoiceId, (planned.get(invoice.invoiceId) ?? 0) + amount);
    }
    return { invoiceId: invoice?.invoiceId ?? '', amount };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, allocations };
}

/** Oldest due date first, then oldest issue date, then number: how Polish creditors settle. */
export function allocateOldestFirst(account: CustomerAccount, currency: string, amount: number) {
  const open = [...account.invoices.values()]
    .filter((invoice) => invoice.currency === currency && openAmount(invoice) > 0)
    .sort(oldestFirst);
  const allocations: Allocation[] = [];
  let left = amount;
  for (const invoice of open) {
    if (left === 0) break;
    const share = Math.min(left, openAmount(invoice));
    allocations.push({ invoiceId: invoice.invoiceId, amount: share });
    left -= share;
  }
  return allocations;
}

function oldestFirst(a: InvoiceState, b: InvoiceState): number {
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    a.issueDate.localeCompare(b.issueDate) ||
    a.number.localeCompare(b.number)
  );
}

function sumOf(values: Map<string, number>): number {
  let sum = 0;
  for (const value of values.values()) sum += value;
  return sum;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function withoutNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value != null));
}

/** Applies decided events to the account, so the next record sees them. */
export function applyEvents(account: CustomerAccount, events: PendingEvent[]): void {
  for (const event of events) evolve(account, event.type, event.data);
}
