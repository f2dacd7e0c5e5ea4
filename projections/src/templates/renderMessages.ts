import {
  formatAmount,
  renderContent,
  transferTitle,
  type AddressVariables,
  type InvoiceVariables,
  type RenderedContent,
  type TemplateContent,
  type TemplateLanguage,
  type TemplateVariables,
} from '@monity/core';
import type { Creditor, MessageContext, PostalAddress, UnpaidInvoice } from './messageContext.ts';

/** One message to one customer: the template rendered for their invoices in one currency. */
export interface RenderedMessage extends RenderedContent {
  currency: string;
  /** The invoices the message lists, oldest due first. */
  invoiceIds: string[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Country names by language, made once: a collection run writes thousands of addresses. */
const countryNames = new Map<TemplateLanguage, Intl.DisplayNames>();
function countryName(country: string, language: TemplateLanguage) {
  let names = countryNames.get(language);
  if (!names)
    countryNames.set(language, (names = new Intl.DisplayNames(language, { type: 'region' })));
  return names.of(country);
}

function addressOf(address: PostalAddress, language: TemplateLanguage): AddressVariables {
  const town = [address.postalCode, address.city].filter(Boolean).join(' ');
  const abroad =
    address.country && address.country !== 'PL'
      ? countryName(address.country, language)
      : undefined;
  return {
    street: address.street,
    postal_code: address.postalCode,
    city: address.city,
    country: address.country,
    line: [address.street, town, abroad].filter(Boolean).join(', '),
  };
}

/** "PL61 1090 1014 …", as banks print an IBAN. */
const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** The account for the currency; else one meant for no currency in particular; else the first. */
function accountFor(creditor: Creditor, currency: string) {
  const accounts = creditor.bankAccounts;
  return (
    accounts.find((a) => a.currency === currency) ??
    accounts.find((a) => !a.currency) ??
    accounts[0]
  );
}

function invoiceVariables(invoice: UnpaidInvoice, today: string): InvoiceVariables {
  const days = daysBetween(invoice.dueDate, today);
  return {
    number: invoice.number,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    days_overdue: Math.max(days, 0),
    days_to_due: Math.max(-days, 0),
    overdue: days > 0,
    amount: formatAmount(invoice.amountMinor, invoice.currency),
    open_amount: formatAmount(invoice.openMinor, invoice.currency),
    currency: invoice.currency,
  };
}

/** The variables of the message in `currency`, listing `invoices` (all in that currency). */
function messageVariables(
  context: MessageContext,
  currency: string,
  invoices: UnpaidInvoice[],
  language: TemplateLanguage,
): TemplateVariables {
  const { creditor, customer, today } = context;
  const sum = (items: UnpaidInvoice[], minor: (i: UnpaidInvoice) => number) =>
    formatAmount(
      items.reduce((total, invoice) => total + minor(invoice), 0),
      currency,
    );
  const overdue = invoices.filter((invoice) => invoice.dueDate < today);
  const account = accountFor(creditor, currency);
  return {
    today,
    currency,
    language,
    creditor: {
      name: creditor.name,
      tax_id: creditor.taxId,
      address: addressOf(creditor.address, language),
      bank_account: account ? grouped(account.iban) : '',
      bank_name: account?.bankName ?? '',
      bank_accounts: creditor.bankAccounts.map((a) => ({
        number: grouped(a.iban),
        bank_name: a.bankName ?? '',
        currency: a.currency ?? '',
      })),
    },
    customer: {
      name: customer.name,
      tax_id: customer.taxId,
      erp_id: customer.erpId,
      address: addressOf(customer.address, language),
    },
    invoices: invoices.map((invoice) => invoiceVariables(invoice, today)),
    totals: {
      count: invoices.length,
      amount: sum(invoices, (i) => i.amountMinor),
      open: sum(invoices, (i) => i.openMinor),
      overdue: sum(overdue, (i) => i.openMinor),
      overdue_count: overdue.length,
    },
    transfer_title: transferTitle(
      invoices.map((invoice) => invoice.number),
      language,
    ),
    // The debtor self-service page is still to come (docs/templates.md).
    payment_link: '',
  };
}

/**
 * The messages a template makes for one customer: one per currency they owe in (by currency
 * code), each listing that currency's invoices with their totals and transfer title — however
 * many invoices, one message per currency. None when nothing is unpaid. Pure: the same template
 * and context always give the same messages. Throws `ValidationError` when the template fails
 * to render, naming the field under `pointer` with its line and column.
 *
 * @example
 * ```ts
 * const context = await loadMessageContext(tx, { tenantId, customerId, today });
 * for (const message of renderMessages(template, context)) send(message.subject, message.text);
 * ```
 */
export function renderMessages(
  template: TemplateContent,
  context: MessageContext,
  pointer = '',
): RenderedMessage[] {
  const byCurrency = new Map<string, UnpaidInvoice[]>();
  for (const invoice of context.invoices) {
    const invoices = byCurrency.get(invoice.currency);
    if (invoices) invoices.push(invoice);
    else byCurrency.set(invoice.currency, [invoice]);
  }
  return [...byCurrency.keys()].sort().map((currency) => {
    const invoices = byCurrency.get(currency)!;
    const variables = messageVariables(context, currency, invoices, template.language);
    return {
      currency,
      invoiceIds: invoices.map((invoice) => invoice.id),
      ...renderContent(template, variables, pointer),
    };
  });
}
