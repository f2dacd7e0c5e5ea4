import { createHash } from 'node:crypto';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '@monity/core';
import iconv from 'iconv-lite';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateLedger, type CustomerAccount } from '../index.ts';

const TODAY = '2026-12-03';

/** Decimal strings to grosze without a float on the way: "-12.30" → -1230. */
function minor(amount: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`Not an amount with two decimals: ${amount}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

/** The NIP rule, written again from the statute's weights rather than taken from the generator. */
function isValidNip(taxId: string): boolean {
  const digits = taxId.replace(/^PL/, '').replace(/-/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  return sum % 11 !== 10 && sum % 11 === Number(digits[9]);
}

function digest(lines: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${JSON.stringify(line)}\n`);
  return hash.digest('hex');
}

function accountsOf(customers: number, seed = 1): CustomerAccount[] {
  return [...generateLedger({ customers, seed, today: TODAY }).accounts()];
}

describe('demo ledger generator', () => {
  it('gives byte-identical lines for the same seed and size, and other lines for another seed', () => {
    const lines = (seed: number) =>
      generateLedger({ customers: 300, seed, today: TODAY }).ledgerLines();
    expect(digest(lines(42))).toBe(digest(lines(42)));
    expect(digest(lines(42))).not.toBe(digest(lines(43)));
  });

  it('keeps a customer the same whatever the ledger size, and iterations agree', () => {
    const small = generateLedger({ customers: 50, seed: 5, today: TODAY });
    const large = generateLedger({ customers: 80, seed: 5, today: TODAY });
    expect([...large.customers()].slice(0, 50)).toEqual([...small.customers()]);
    const accounts = [...small.accounts()];
    expect([...small.invoices()]).toEqual(accounts.flatMap((account) => account.invoices));
    expect([...small.payments()]).toEqual(accounts.flatMap((account) => account.payments));
  });

  it('counts up front what it then yields', () => {
    const ledger = generateLedger({ customers: 2_000, seed: 3, today: TODAY });
    const counts = ledger.counts();
    const kinds = { customer: 0, invoice: 0, payment: 0 };
    for (const line of ledger.ledgerLines()) kinds[line.kind]++;
    expect(counts).toEqual({
      customers: kinds.customer,
      invoices: kinds.invoice,
      payments: kinds.payment,
    });
    // About 10 invoices per customer, plus a few credit notes.
    expect(counts.invoices / counts.customers).toBeGreaterThan(9.3);
    expect(counts.invoices / counts.customers).toBeLessThan(10.8);
  });

  it('yields lines in import order: a customer, its invoices, then payments allocating to them', () => {
    const seenCustomers = new Set<string>();
    const seenInvoices = new Set<string>();
    let current = '';
    for (const line of generateLedger({ customers: 1_000, today: TODAY }).ledgerLines()) {
      if (line.kind === 'customer') {
        expect(seenCustomers.has(line.id)).toBe(false);
        seenCustomers.add(line.id);
        current = line.id;
      } else if (line.kind === 'invoice') {
        expect(line.customerId).toBe(current);
        expect(seenInvoices.has(line.id)).toBe(false);
        if (line.corrects) expect(seenInvoices.has(line.corrects)).toBe(true);
        seenInvoices.add(line.id);
      } else {
        expect(line.customerId).toBe(current);
        for (const allocation of line.allocations ?? []) {
          expect(seenInvoices.has(allocation.invoiceId)).toBe(true);
        }
      }
    }
  });

  it('gives ERP-like ids and numbers', () => {
    const [account] = accountsOf(1);
    const { customer, invoices, payments } = account as CustomerAccount;
    expect(customer.id).toBe('K000001');
    for (const invoice of invoices) {
      expect(invoice.number).toMatch(/^(FV|KOR)\/20\d\d\/(0[1-9]|1[0-2])\/\d{6}$/);
      expect(invoice.id).toBe(invoice.number);
    }
    for (const payment of payments) expect(payment.id).toMatch(/^WB\/20\d\d\/\d{6}$/);
  });

  describe('over 10,000 customers', () => {
    let accounts: CustomerAccount[] = [];
    let customers: CustomerRecord[] = [];
    let invoices: InvoiceRecord[] = [];
    let payments: PaymentRecord[] = [];
    beforeAll(() => {
      accounts = accountsOf(10_000, 11);
      customers = accounts.map((account) => account.customer);
      invoices = accounts.flatMap((account) => account.invoices);
      payments = accounts.flatMap((account) => account.payments);
    });

    it('gives every Polish customer with a tax id a NIP with a valid checksum', () => {
      const polish = customers.filter((customer) => customer.country === 'PL');
      const withTaxId = polish.filter((customer) => customer.taxId !== undefined);
      expect(withTaxId.every((customer) => isValidNip(customer.taxId as string))).toBe(true);
      expect(1 - withTaxId.length / customers.length).toBeGreaterThan(0.005);
      expect(1 - withTaxId.length / customers.length).toBeLessThan(0.07);
    });

    it('has about 5 % foreign customers with their own VAT ids, and about 1 % without a tax id', () => {
      const foreign = customers.filter((customer) => customer.country !== 'PL');
      expect(foreign.length / customers.length).toBeGreaterThan(0.04);
      expect(foreign.length / customers.length).toBeLessThan(0.06);
      for (const customer of foreign) {
        expect(customer.taxId?.slice(0, 2)).toBe(customer.country);
        expect(customer.taxId).toMatch(/^[A-Z]{2}U?\d{8,10}(B\d\d)?$/);
      }
      const none = customers.filter((customer) => customer.taxId === undefined).length;
      expect(none / customers.length).toBeGreaterThan(0.005);
      expect(none / customers.length).toBeLessThan(0.015);
    });

    it('writes Polish addresses with NN-NNN postal codes and names that seldom repeat', () => {
      const polish = customers.filter((customer) => customer.country === 'PL');
      for (const customer of polish) expect(customer.postalCode).toMatch(/^\d\d-\d{3}$/);
      expect(new Set(customers.map((customer) => customer.name)).size).toBeGreaterThan(9_800);
      expect(customers.some((customer) => /sp\. z o\.o\./i.test(customer.name))).toBe(true);
      expect(customers.some((customer) => / S\.A\.$/.test(customer.name))).toBe(true);
      expect(customers.some((customer) => /sp\. ?j\.$/i.test(customer.name))).toBe(true);
      expect(customers.some((customer) => /sp\. ?k\.$/i.test(customer.name))).toBe(true);
    });

    it('gives e-mails to about 85 % and phones, valid numbers of the country, to about 70 %', () => {
      const withEmail = customers.filter((customer) => customer.emails).length;
      expect(withEmail / customers.length).toBeGreaterThan(0.8);
      expect(withEmail / customers.length).toBeLessThan(0.9);
      const polish = customers.filter((customer) => customer.country === 'PL');
      const withPhone = polish.filter((customer) => customer.phones).length;
      expect(withPhone / polish.length).toBeGreaterThan(0.65);
      expect(withPhone / polish.length).toBeLessThan(0.75);
      const emails = customers.flatMap((customer) => customer.emails ?? []);
      expect(
        emails.filter((email) => !/^[a-z0-9.]+@[a-z0-9-]+(\.[a-z]{2,})+$/.test(email)),
      ).toEqual([]);
      const invalid = customers.flatMap((customer) =>
        (customer.phones ?? []).filter(
          (phone) => !isValidPhoneNumber(phone, customer.country as CountryCode),
        ),
      );
      expect(invalid).toEqual([]);
      // The notations vary: international, spaced, dashed, an area code in brackets.
      const phones = customers.flatMap((customer) => customer.phones ?? []);
      for (const notation of [/^\+48 \d{3} /, /^\d{3}-\d{3}-\d{3}$/, /^\(\d\d\) /]) {
        expect(phones.some((phone) => notation.test(phone))).toBe(true);
      }
    });

    it('holds only text that a Windows-1250 export can carry', () => {
      const text = JSON.stringify(customers);
      expect(iconv.decode(iconv.encode(text, 'win1250'), 'win1250')).toBe(text);
    });

    it('has invoices 60 % in PLN, 25 % in EUR and 15 % in USD, give or take a few points', () => {
      const share = (currency: string) =>
        invoices.filter((invoice) => invoice.currency === currency).length / invoices.length;
      expect(share('PLN')).toBeGreaterThan(0.57);
      expect(share('PLN')).toBeLessThan(0.63);
      expect(share('EUR')).toBeGreaterThan(0.22);
      expect(share('EUR')).toBeLessThan(0.28);
      expect(share('USD')).toBeGreaterThan(0.12);
      expect(share('USD')).toBeLessThan(0.18);
    });

    it('issues invoices over the last 18 months, due 7 to 60 days later, for 50 to 250,000', () => {
      const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      const today = day(TODAY);
      const wrong = invoices.filter((invoice) => {
        const age = today - day(invoice.issueDate);
        if (age < 0 || age >= 560) return true;
        if (invoice.corrects) return false;
        const term = day(invoice.dueDate) - day(invoice.issueDate);
        const amount = minor(invoice.amount);
        return ![7, 14, 21, 30, 60].includes(term) || amount < 50_00 || amount > 250_000_00;
      });
      expect(wrong).toEqual([]);
      const terms = new Map<number, number>();
      for (const invoice of invoices) {
        const term = day(invoice.dueDate) - day(invoice.issueDate);
        terms.set(term, (terms.get(term) ?? 0) + 1);
      }
      // 14 and 30 days are the most common terms.
      const [first, second] = [...terms].sort((a, b) => b[1] - a[1]).map(([term]) => term);
      expect([first, second].sort()).toEqual([14, 30]);
    });

    it('allocates exactly each payment, never more than an invoice has open, never after today', () => {
      const byId = new Map<string, InvoiceRecord>(invoices.map((invoice) => [invoice.id, invoice]));
      const settled = new Map<string, number>();
      const problems: string[] = [];
      for (const note of invoices.filter((invoice) => invoice.corrects)) {
        const corrected = byId.get(note.corrects as string) as InvoiceRecord;
        const change = -minor(note.amount);
        if (!(note.issueDate > corrected.issueDate)) problems.push(`${note.id} issued too early`);
        if (change <= 0 || change > minor(corrected.amount)) problems.push(`${note.id} amount`);
        settled.set(corrected.id, (settled.get(corrected.id) ?? 0) + change);
      }
      let unallocated = 0;
      for (const payment of payments) {
        if (payment.date > TODAY) problems.push(`${payment.id} after today`);
        const allocations = payment.allocations ?? [];
        if (allocations.length === 0) unallocated++;
        const sum = allocations.reduce((total, allocation) => total + minor(allocation.amount), 0);
        if (allocations.length > 0 && sum !== minor(payment.amount)) {
          problems.push(`${payment.id} allocates ${sum} of ${payment.amount}`);
        }
        for (const allocation of allocations) {
          const invoice = byId.get(allocation.invoiceId) as InvoiceRecord;
          if (
            invoice.customerId !== payment.customerId ||
            invoice.currency !== payment.currency ||
            invoice.cancelled ||
            !(payment.date > invoice.issueDate) ||
            minor(allocation.amount) <= 0
          ) {
            problems.push(`${payment.id} to ${invoice.id}`);
          }
          settled.set(invoice.id, (settled.get(invoice.id) ?? 0) + minor(allocation.amount));
        }
      }
      for (const [id, amount] of settled) {
        if (amount > minor((byId.get(id) as InvoiceRecord).amount)) problems.push(`${id} overpaid`);
      }
      expect(problems).toEqual([]);
      expect(unallocated / payments.length).toBeGreaterThan(0.02);
      expect(unallocated / payments.length).toBeLessThan(0.04);
      // Some payments settle several invoices at once.
      expect(payments.some((payment) => (payment.allocations ?? []).length > 1)).toBe(true);
    });

    it('reports open amounts that follow from the invoices, credit notes and payments', () => {
      for (const account of accounts) expect(account.openAmounts).toEqual(openAmounts(account));
    });

    it('leaves invoices open in every aging bucket, some partly paid', () => {
      const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      const buckets = new Map<string, number>();
      let partly = 0;
      for (const account of accounts) {
        account.invoices.forEach((invoice, i) => {
          const open = minor(account.openAmounts[i] as string);
          if (open <= 0) return;
          if (open < minor(invoice.amount)) partly++;
          const overdue = day(TODAY) - day(invoice.dueDate);
          const bucket =
            overdue <= 0
              ? 'not due'
              : overdue <= 30
                ? '1-30'
                : overdue <= 60
                  ? '31-60'
                  : overdue <= 90
                    ? '61-90'
                    : overdue <= 180
                      ? '91-180'
                      : 'over 180';
          buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
        });
      }
      for (const bucket of ['not due', '1-30', '31-60', '61-90', '91-180', 'over 180']) {
        expect(buckets.get(bucket) ?? 0, bucket).toBeGreaterThan(invoices.length * 0.003);
      }
      expect(partly).toBeGreaterThan(invoices.length * 0.005);
    });

    it('has about 2 % credit notes and 0.5 % cancelled invoices', () => {
      const notes = invoices.filter((invoice) => invoice.corrects).length;
      const cancelled = invoices.filter((invoice) => invoice.cancelled).length;
      expect(notes / invoices.length).toBeGreaterThan(0.012);
      expect(notes / invoices.length).toBeLessThan(0.025);
      expect(cancelled / invoices.length).toBeGreaterThan(0.003);
      expect(cancelled / invoices.length).toBeLessThan(0.007);
      expect(
        invoices.filter((invoice) => invoice.corrects).every((n) => n.number.startsWith('KOR/')),
      ).toBe(true);
    });

    it('titles transfers with the invoice numbers they pay', () => {
      const untitled = payments.filter((payment) => {
        const reference = payment.reference ?? '';
        if (reference.length === 0 || reference.length > 140) return true;
        const allocations = payment.allocations ?? [];
        if (allocations.length !== 1) return false;
        const [, year, month, sequence] = (allocations[0]?.invoiceId ?? '').split('/');
        return !new RegExp(`${year}.${month}.${sequence}`).test(reference);
      });
      expect(untitled).toEqual([]);
    });
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateLedger({ customers: -1, today: TODAY })).toThrow(RangeError);
    expect(() => generateLedger({ customers: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateLedger({ customers: 1, today: '3.12.2026' })).toThrow(RangeError);
    expect(() => generateLedger({ customers: 1, seed: 1.5, today: TODAY })).toThrow(RangeError);
  });
});

/** The open amounts, computed again from the records alone. */
function openAmounts(account: {
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  customer: CustomerRecord;
}): string[] {
  const open = new Map<string, number>();
  for (const invoice of account.invoices) {
    if (invoice.corrects) {
      open.set(invoice.id, 0);
      open.set(invoice.corrects, (open.get(invoice.corrects) ?? 0) + minor(invoice.amount));
    } else open.set(invoice.id, invoice.cancelled ? 0 : minor(invoice.amount));
  }
  for (const payment of account.payments) {
    for (const allocation of payment.allocations ?? []) {
      open.set(
        allocation.invoiceId,
        (open.get(allocation.invoiceId) ?? 0) - minor(allocation.amount),
      );
    }
  }
  return account.invoices.map((invoice) => {
    const value = open.get(invoice.id) ?? 0;
    const cents = Math.abs(value) % 100;
    return `${value < 0 ? '-' : ''}${(Math.abs(value) - cents) / 100}.${String(cents).padStart(2, '0')}`;
  });
}
