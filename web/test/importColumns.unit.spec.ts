import { describe, expect, it } from 'vitest';
import { fieldsFor, normalise, suggestColumns } from '../app/utils/importColumns.ts';

describe('suggesting the column of each import field', () => {
  it('reads Polish headers of an invoice export', () => {
    const headers = [
      'Kod kontrahenta',
      'Nazwa',
      'NIP',
      'Miasto',
      'Numer',
      'Data wystawienia',
      'Termin płatności',
      'Kwota brutto',
      'Pozostało do zapłaty',
      'Waluta',
    ];
    expect(suggestColumns(headers, fieldsFor('invoices'))).toEqual({
      'customer.id': 'Kod kontrahenta',
      'customer.name': 'Nazwa',
      'customer.taxId': 'NIP',
      'customer.city': 'Miasto',
      'invoice.number': 'Numer',
      'invoice.issueDate': 'Data wystawienia',
      'invoice.dueDate': 'Termin płatności',
      'invoice.amount': 'Kwota brutto',
      'invoice.openAmount': 'Pozostało do zapłaty',
      'invoice.currency': 'Waluta',
    });
  });

  it('reads English headers, and gives each column to one field only', () => {
    const headers = ['Customer ID', 'Customer name', 'Invoice number', 'Due date', 'Amount'];
    expect(suggestColumns(headers, fieldsFor('invoices'))).toEqual({
      'customer.id': 'Customer ID',
      'customer.name': 'Customer name',
      'invoice.number': 'Invoice number',
      'invoice.dueDate': 'Due date',
      'invoice.amount': 'Amount',
    });
  });

  it("tells a payment's date from an invoice's, and finds the company's own attributes", () => {
    const payments = suggestColumns(['Data', 'Kwota', 'Tytuł przelewu'], fieldsFor('payments'));
    expect(payments).toEqual({
      'payment.date': 'Data',
      'payment.amount': 'Kwota',
      'payment.reference': 'Tytuł przelewu',
    });
    const customers = suggestColumns(
      ['Opiekun handlowy'],
      fieldsFor('customers', ['Opiekun handlowy']),
    );
    expect(customers).toEqual({ 'customer.attribute:Opiekun handlowy': 'Opiekun handlowy' });
  });

  it('compares headers without case, diacritics or punctuation', () => {
    expect(normalise('  Termin płatności ')).toBe('termin platnosci');
    expect(normalise('E-MAIL')).toBe('e mail');
    expect(normalise('Łódź/Miejscowość')).toBe('lodz miejscowosc');
  });
});
