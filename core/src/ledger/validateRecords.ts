import type { FieldError } from '../errors.ts';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from './importRecords.ts';
import { isEmailAddress, toE164 } from './values/contacts.ts';
import { isIsoDate } from './values/isoDate.ts';
import { isCurrencyCode, parseAmount } from './values/money.ts';
import { isCountryCode, normaliseTaxId } from './values/taxId.ts';

export interface ValidCustomer {
  sourceId: string;
  name: string;
  taxId: string | null;
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** `undefined`: the record says nothing about it, and what is stored stays. */
  emails?: string[];
  phones?: string[];
  categories?: string[];
  attributes?: Record<string, string>;
  excluded?: boolean;
}

export interface ValidInvoice {
  sourceId: string;
  number: string;
  customerSourceId: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amount: number;
  openAmount?: number;
  balanceDate?: string;
  corrects?: string;
  cancelled?: boolean;
}

export interface ValidPayment {
  sourceId: string;
  customerSourceId: string;
  date: string;
  currency: string;
  amount: number;
  reference?: string;
  allocations?: { invoiceSourceId: string; amount: number }[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function problems(): { errors: FieldError[]; add(pointer: string, message: string): void } {
  const errors: FieldError[] = [];
  return { errors, add: (pointer, message) => errors.push({ pointer, message }) };
}

const blankToNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

function requireText(value: unknown, pointer: string, add: (p: string, m: string) => void) {
  if (typeof value !== 'string' || value.trim() === '') add(pointer, 'is required');
  else if (value.length > 200) add(pointer, 'is longer than 200 characters');
}

function checkLength(
  value: string | undefined,
  max: number,
  pointer: string,
  add: (p: string, m: string) => void,
) {
  if (value !== undefined && value.trim().length > max) {
    add(pointer, `is longer than ${max} characters`);
  }
}

export function validateCustomer(record: CustomerRecord): Checked<ValidCustomer> {
  const { errors, add } = problems();
  requireText(record.id, '/id', add);
  requireText(record.name, '/name', add);
  const country = (record.country ?? 'PL').trim().toUpperCase() || 'PL';
  if (!isCountryCode(country)) add('/country', `"${record.country}" is not an ISO country code`);
  let taxId: string | null = null;
  if (record.taxId?.trim()) {
    const checked = normaliseTaxId(record.taxId, country);
    if (checked.ok) taxId = checked.value;
    else add('/taxId', checked.problem);
  }
  // The API's record schema bounds these too; a file's cells come here unchecked.
  checkLength(record.street, 200, '/street', add);
  checkLength(record.postalCode, 20, '/postalCode', add);
  checkLength(record.city, 200, '/city', add);
  const emails = record.emails?.map((email) => email.trim()).filter(Boolean);
  emails?.forEach((email, i) => {
    if (!isEmailAddress(email)) add(`/emails/${i}`, `"${email}" is not an e-mail address`);
  });
  const phones = record.phones
    ?.filter((phone) => phone.trim())
    .map((phone, i) => {
      const e164 = toE164(phone, isCountryCode(country) ? country : 'PL');
      if (!e164) add(`/phones/${i}`, `"${phone}" is not a valid phone number`);
      return e164 ?? phone;
    });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      sourceId: record.id.trim(),
      name: record.name.trim(),
      taxId,
      country,
      street: blankToNull(record.street),
      postalCode: blankToNull(record.postalCode),
      city: blankToNull(record.city),
      ...(emails ? { emails: [...new Set(emails)] } : {}),
      ...(phones ? { phones: [...new Set(phones)] } : {}),
      ...(record.categories ? { categories: record.categories.filter((c) => c.trim()) } : {}),
      ...(record.attributes ? { attributes: record.attributes } : {}),
      ...(record.excluded !== undefined ? { excluded: record.excluded } : {}),
    },
  };
}

function checkCurrency(value: unknown, add: (p: string, m: string) => void): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!isCurrencyCode(code)) add('/currency', `"${String(value)}" is not an ISO 4217 currency`);
  return code;
}

function checkDate(value: unknown, pointer: string, add: (p: string, m: string) => void) {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    add(pointer, `"${String(value ?? '')}" is not a date (YYYY-MM-DD)`);
  }
}

function checkAmount(
  value: unknown,
  currency: string,
  pointer: string,
  add: (p: string, m: string) => void,
): number {
  if (typeof value !== 'string') {
    add(pointer, 'is required, as a decimal string like "1234.56"');
    return 0;
  }
  if (!isCurrencyCode(currency)) return 0;
  const parsed = parseAmount(value, currency);
  if (!parsed.ok) add(pointer, parsed.problem);
  return parsed.ok ? parsed.minor : 0;
}

export function validateInvoice(record: InvoiceRecord): Checked<ValidInvoice> {
  const { errors, add } = problems();
  requireText(record.id, '/id', add);
  requireText(record.number, '/number', add);
  requireText(record.customerId, '/customerId', add);
  checkDate(record.issueDate, '/issueDate', add);
  checkDate(record.dueDate, '/dueDate', add);
  const currency = checkCurrency(record.currency, add);
  const amount = checkAmount(record.amount, currency, '/amount', add);
  const corrects = record.corrects?.trim() || undefined;
  if (!corrects && amount <= 0 && !errors.some((e) => /^\/(amount|currency)$/.test(e.pointer))) {
    add('/amount', 'must be above zero; a credit note names the invoice it corrects');
  }
  let openAmount: number | undefined;
  if (record.openAmount !== undefined && record.openAmount.trim() !== '') {
    openAmount = checkAmount(record.openAmount, currency, '/openAmount', add);
    if (openAmount < 0) add('/openAmount', 'must not be below zero');
    else if (openAmount > amount && !corrects) add('/openAmount', 'must not exceed the amount');
  }
  if (record.balanceDate) checkDate(record.balanceDate, '/balanceDate', add);
  if (
    isIsoDate(record.issueDate) &&
    isIsoDate(record.dueDate) &&
    record.dueDate < record.issueDate
  ) {
    add('/dueDate', 'must not be before the issue date');
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      sourceId: record.id.trim(),
      number: record.number.trim(),
      customerSourceId: record.customerId.trim(),
      issueDate: record.issueDate,
      dueDate: record.dueDate,
      currency,
      amount,
      ...(openAmount !== undefined ? { openAmount } : {}),
      ...(record.balanceDate ? { balanceDate: record.balanceDate } : {}),
      ...(corrects ? { corrects } : {}),
      ...(record.cancelled ? { cancelled: true } : {}),
    },
  };
}

export function validatePayment(record: PaymentRecord): Checked<ValidPayment> {
  const { errors, add } = problems();
  requireText(record.id, '/id', add);
  requireText(record.customerId, '/customerId', add);
  checkDate(record.date, '/date', add);
  const currency = checkCurrency(record.currency, add);
  const amount = checkAmount(record.amount, currency, '/amount', add);
  if (amount <= 0 && !errors.some((e) => /^\/(amount|currency)$/.test(e.pointer))) {
    add('/amount', 'must be above zero');
  }
  const allocations = record.allocations?.map((allocation, i) => {
    requireText(allocation.invoiceId, `/allocations/${i}/invoiceId`, add);
    const minor = checkAmount(allocation.amount, currency, `/allocations/${i}/amount`, add);
    if (minor <= 0) add(`/allocations/${i}/amount`, 'must be above zero');
    return { invoiceSourceId: allocation.invoiceId?.trim(), amount: minor };
  });
  const allocated = allocations?.reduce((sum, a) => sum + a.amount, 0) ?? 0;
  if (allocated > amount) add('/allocations', 'must not allocate more than the payment amount');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      sourceId: record.id.trim(),
      customerSourceId: record.customerId.trim(),
      date: record.date,
      currency,
      amount,
      ...(record.reference?.trim() ? { reference: record.reference.trim().slice(0, 500) } : {}),
      ...(allocations ? { allocations } : {}),
    },
  };
}
