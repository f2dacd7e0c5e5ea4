import { describe, expect, it } from 'vitest';
import type { UnpaidInvoice } from '../src/index.ts';
import { renderMessages } from '../src/index.ts';
import { messageContext } from './support/messageContext.ts';

const invoice = (
  number: string,
  currency: string,
  dueDate: string,
  amountMinor: number,
  openMinor = amountMinor,
): UnpaidInvoice => ({
  id: `id-${number}`,
  number,
  issueDate: '2026-10-01',
  dueDate,
  currency,
  amountMinor,
  openMinor,
});

const context = (invoices: UnpaidInvoice[]) => messageContext(invoices);

const text = (body: string) => ({ medium: 'voice' as const, language: 'pl' as const, text: body });

describe('rendering messages for a customer', () => {
  it('makes one message per currency with its own invoices, totals and transfer title', () => {
    const messages = renderMessages(
      text(
        '{{ currency }}: {% for i in invoices %}{{ i.number }} ({{ i.days_overdue }}) {% endfor %}' +
          '| {{ totals.count }} {{ totals.open }} {{ totals.overdue }} {{ totals.overdue_count }} ' +
          '| {{ transfer_title }}',
      ),
      context([
        invoice('FV/1', 'PLN', '2026-11-03', 10_000),
        invoice('EU/1', 'EUR', '2026-11-23', 5_000, 2_550),
        invoice('FV/2', 'PLN', '2026-12-10', 99, 99),
      ]),
    );
    expect(messages).toEqual([
      {
        currency: 'EUR',
        invoiceIds: ['id-EU/1'],
        text: 'EUR: EU/1 (10) | 1 25.50 25.50 1 | EU/1',
      },
      {
        currency: 'PLN',
        invoiceIds: ['id-FV/1', 'id-FV/2'],
        text: 'PLN: FV/1 (30) FV/2 (0) | 2 100.99 100.00 1 | FV/1, FV/2',
      },
    ]);
  });

  it('trims the transfer title of a long list to 140 characters', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      invoice(`FV/${1000 + i}/11/2026`, 'PLN', '2026-11-01', 100),
    );
    const [message] = renderMessages(text('{{ transfer_title }}'), context(many));
    expect(message!.text).toMatch(/^FV\/1000\/11\/2026, .* i 13 innych$/);
    expect(message!.text.length).toBeLessThanOrEqual(140);
  });

  it("addresses a foreign customer with the country's name, and falls back to any account", () => {
    const [message] = renderMessages(
      text('{{ customer.address.line }} | {{ creditor.bank_account }} ({{ creditor.bank_name }})'),
      context([invoice('EU/1', 'EUR', '2026-11-23', 5_000)]),
    );
    expect(message!.text).toBe(
      'Hauptstraße 1, 10115 Berlin, Niemcy | PL61 1090 1014 0000 0712 1981 2874 (Santander)',
    );
  });

  it('writes nothing for a customer who owes nothing', () => {
    expect(renderMessages(text('x'), context([]))).toEqual([]);
  });
});
