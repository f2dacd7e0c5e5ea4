import type { TemplateLanguage } from './templateEvents.ts';

export interface AddressVariables {
  street: string | null;
  postal_code: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** The address on one line: "ul. Długa 5, 00-950 Warszawa". */
  line: string;
}

export interface InvoiceVariables {
  number: string;
  /** ISO dates, YYYY-MM-DD: format them with `date_pl`, `date_en` or `date_words`. */
  issue_date: string;
  due_date: string;
  /** Days since the due date; 0 for an invoice not yet due. */
  days_overdue: number;
  /** Days left to the due date; 0 for an invoice due today or overdue. */
  days_to_due: number;
  overdue: boolean;
  /** Decimal strings in the currency's major unit ("1234.56"): format them with `money`. */
  amount: string;
  open_amount: string;
  currency: string;
}

/**
 * What a template's Liquid sees: one message's worth, for one customer and one currency.
 * Names are snake_case, as Liquid templates elsewhere (Shopify, Jekyll) write them.
 */
export interface TemplateVariables {
  today: string;
  currency: string;
  language: TemplateLanguage;
  creditor: {
    name: string;
    tax_id: string;
    address: AddressVariables;
    /** The account for the message's currency, grouped by four: "PL61 1090 1014 …". */
    bank_account: string;
    bank_name: string;
    bank_accounts: { number: string; bank_name: string; currency: string }[];
  };
  customer: {
    name: string;
    tax_id: string | null;
    /** The customer's id in the ERP, often printed as "numer kontrahenta". */
    erp_id: string;
    address: AddressVariables;
  };
  invoices: InvoiceVariables[];
  totals: { count: number; amount: string; open: string; overdue: string; overdue_count: number };
  transfer_title: string;
  /** Known shortcoming: reserved for the debtor self-service page, empty until Monity has it. */
  payment_link: string;
}

/** One documented variable: its Liquid path (`[]` marks an item of a list) and what it holds. */
export interface VariableDoc {
  path: string;
  pl: string;
  en: string;
}

const address = (owner: string, pl: string, en: string): VariableDoc[] => [
  { path: `${owner}.address.street`, pl: `ulica i numer ${pl}`, en: `street of the ${en}` },
  { path: `${owner}.address.postal_code`, pl: `kod pocztowy ${pl}`, en: `postal code, ${en}` },
  { path: `${owner}.address.city`, pl: `miejscowość ${pl}`, en: `city of the ${en}` },
  { path: `${owner}.address.country`, pl: `kraj ${pl} (PL, DE…)`, en: `country, ${en}` },
  { path: `${owner}.address.line`, pl: `adres ${pl} w jednym wierszu`, en: `${en}'s address` },
];

/** Every variable a template may use; `checkTemplate` refuses any other. */
export const TEMPLATE_VARIABLES: readonly VariableDoc[] = [
  { path: 'today', pl: 'dzisiejsza data (RRRR-MM-DD)', en: "today's date (YYYY-MM-DD)" },
  { path: 'currency', pl: 'waluta wiadomości (PLN, EUR…)', en: "the message's currency" },
  { path: 'language', pl: 'język szablonu (pl, en)', en: "the template's language" },
  { path: 'creditor.name', pl: 'nazwa wierzyciela (Twojej firmy)', en: 'your company name' },
  { path: 'creditor.tax_id', pl: 'NIP wierzyciela', en: "your company's tax id" },
  ...address('creditor', 'wierzyciela', 'creditor'),
  { path: 'creditor.bank_account', pl: 'rachunek do wpłat w walucie', en: 'account to pay to' },
  { path: 'creditor.bank_name', pl: 'nazwa banku tego rachunku', en: "that account's bank" },
  { path: 'creditor.bank_accounts[].number', pl: 'każdy rachunek firmy', en: 'each account' },
  { path: 'creditor.bank_accounts[].bank_name', pl: 'jego bank', en: 'its bank' },
  { path: 'creditor.bank_accounts[].currency', pl: 'jego waluta', en: 'its currency' },
  { path: 'customer.name', pl: 'nazwa kontrahenta', en: "the customer's name" },
  { path: 'customer.tax_id', pl: 'NIP kontrahenta (może być pusty)', en: "customer's tax id" },
  { path: 'customer.erp_id', pl: 'identyfikator kontrahenta w ERP', en: 'customer id in the ERP' },
  ...address('customer', 'kontrahenta', 'customer'),
  { path: 'invoices[].number', pl: 'numer faktury', en: 'invoice number' },
  { path: 'invoices[].issue_date', pl: 'data wystawienia', en: 'issue date' },
  { path: 'invoices[].due_date', pl: 'termin płatności', en: 'due date' },
  { path: 'invoices[].days_overdue', pl: 'dni po terminie (0 przed)', en: 'days overdue' },
  { path: 'invoices[].days_to_due', pl: 'dni do terminu (0 po)', en: 'days until due' },
  { path: 'invoices[].overdue', pl: 'czy po terminie', en: 'whether overdue' },
  { path: 'invoices[].amount', pl: 'kwota brutto faktury', en: 'gross amount' },
  { path: 'invoices[].open_amount', pl: 'pozostało do zapłaty', en: 'amount still unpaid' },
  { path: 'invoices[].currency', pl: 'waluta faktury', en: "the invoice's currency" },
  { path: 'totals.count', pl: 'liczba nieopłaconych faktur', en: 'number of unpaid invoices' },
  { path: 'totals.amount', pl: 'suma kwot brutto', en: 'sum of gross amounts' },
  { path: 'totals.open', pl: 'suma do zapłaty', en: 'total unpaid' },
  { path: 'totals.overdue', pl: 'suma przeterminowana', en: 'total overdue' },
  { path: 'totals.overdue_count', pl: 'liczba faktur po terminie', en: 'invoices overdue' },
  { path: 'transfer_title', pl: 'proponowany tytuł przelewu', en: 'suggested transfer title' },
  { path: 'payment_link', pl: 'link do płatności (wkrótce; pusty)', en: 'payment link (later)' },
];

const SAMPLE_ADDRESS: AddressVariables = {
  street: 'ul. Przykładowa 12/3',
  postal_code: '00-950',
  city: 'Warszawa',
  country: 'PL',
  line: 'ul. Przykładowa 12/3, 00-950 Warszawa',
};

/**
 * A made-up message's variables: templates are rendered against it when saved, so a mistake
 * in a loop or a filter shows before any customer's message is written.
 */
export function sampleVariables(language: TemplateLanguage, today = '2026-12-03') {
  const variables: TemplateVariables = {
    today,
    currency: 'PLN',
    language,
    creditor: {
      name: 'Przykładowa Hurtownia sp. z o.o.',
      tax_id: '5260250274',
      address: SAMPLE_ADDRESS,
      bank_account: 'PL61 1090 1014 0000 0712 1981 2874',
      bank_name: 'Santander Bank Polska',
      bank_accounts: [
        {
          number: 'PL61 1090 1014 0000 0712 1981 2874',
          bank_name: 'Santander Bank Polska',
          currency: 'PLN',
        },
      ],
    },
    customer: {
      name: 'Kowalski i Wspólnicy sp.j.',
      tax_id: '7740001454',
      erp_id: 'K/0042',
      address: { ...SAMPLE_ADDRESS, street: 'ul. Polna 7', line: 'ul. Polna 7, 00-950 Warszawa' },
    },
    invoices: [
      sampleInvoice('FV/101/2026', '2026-10-15', '2026-11-14', 19, '2460.00', '2460.00'),
      sampleInvoice('FV/117/2026', '2026-11-20', '2026-12-10', -7, '1234.56', '734.56'),
    ],
    totals: { count: 2, amount: '3694.56', open: '3194.56', overdue: '2460.00', overdue_count: 1 },
    transfer_title: 'FV/101/2026, FV/117/2026',
    payment_link: '',
  };
  return variables;
}

function sampleInvoice(
  number: string,
  issueDate: string,
  dueDate: string,
  days: number,
  amount: string,
  open: string,
): InvoiceVariables {
  return {
    number,
    issue_date: issueDate,
    due_date: dueDate,
    days_overdue: Math.max(days, 0),
    days_to_due: Math.max(-days, 0),
    overdue: days > 0,
    amount,
    open_amount: open,
    currency: 'PLN',
  };
}
