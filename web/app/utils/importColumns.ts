import type { ImportField, ImportRows } from '@monity/sdk';

const CUSTOMER_FIELDS: ImportField[] = [
  'customer.id',
  'customer.name',
  'customer.taxId',
  'customer.country',
  'customer.street',
  'customer.postalCode',
  'customer.city',
  'customer.email',
  'customer.phone',
  'customer.category',
  'customer.excluded',
];
const INVOICE_FIELDS: ImportField[] = [
  'invoice.id',
  'invoice.number',
  'invoice.issueDate',
  'invoice.dueDate',
  'invoice.currency',
  'invoice.amount',
  'invoice.openAmount',
  'invoice.corrects',
];
const PAYMENT_FIELDS: ImportField[] = [
  'payment.id',
  'payment.date',
  'payment.currency',
  'payment.amount',
  'payment.reference',
  'payment.invoiceId',
];

/** The fields a file of this kind of rows can fill, in the order the mapping form lists them. */
export function fieldsFor(rows: ImportRows, attributeNames: string[] = []): ImportField[] {
  const attributes = attributeNames.map((name) => `customer.attribute:${name}` as ImportField);
  if (rows === 'customers') return [...CUSTOMER_FIELDS, ...attributes];
  if (rows === 'invoices') return [...CUSTOMER_FIELDS, ...attributes, ...INVOICE_FIELDS];
  return ['customer.id', 'customer.name', ...PAYMENT_FIELDS];
}

/** Fields without which a row of this kind is refused; the currency may come from a default. */
export function requiredFields(rows: ImportRows): ImportField[] {
  if (rows === 'customers') return ['customer.id', 'customer.name'];
  if (rows === 'invoices') {
    return [
      'customer.id',
      'invoice.number',
      'invoice.issueDate',
      'invoice.dueDate',
      'invoice.amount',
    ];
  }
  return ['customer.id', 'payment.id', 'payment.date', 'payment.amount'];
}

/**
 * Headers Polish and English ERP exports give each field, written as `normalise` leaves them
 * (lower case, no diacritics, words split by single spaces).
 */
const SYNONYMS: Partial<Record<ImportField, string[]>> = {
  'customer.id': [
    'kod kontrahenta',
    'kod klienta',
    'id kontrahenta',
    'id klienta',
    'nr kontrahenta',
    'numer kontrahenta',
    'symbol kontrahenta',
    'customer id',
    'customer code',
    'customer no',
    'customer number',
    'client id',
    'account number',
  ],
  'customer.name': [
    'nazwa',
    'nazwa kontrahenta',
    'nazwa klienta',
    'nazwa nabywcy',
    'kontrahent',
    'klient',
    'nabywca',
    'name',
    'customer name',
    'customer',
    'client',
    'company',
  ],
  'customer.taxId': ['nip', 'nip kontrahenta', 'nip nabywcy', 'tax id', 'vat id', 'vat number'],
  'customer.country': ['kraj', 'kod kraju', 'country', 'country code'],
  'customer.street': ['ulica', 'ulica i numer', 'adres', 'street', 'address'],
  'customer.postalCode': ['kod pocztowy', 'postal code', 'zip', 'zip code', 'postcode'],
  'customer.city': ['miasto', 'miejscowosc', 'city', 'town'],
  'customer.email': ['email', 'e mail', 'adres email', 'mail'],
  'customer.phone': ['telefon', 'tel', 'nr telefonu', 'numer telefonu', 'phone', 'mobile'],
  'customer.category': ['kategoria', 'grupa', 'grupa kontrahentow', 'category', 'group'],
  'customer.excluded': [
    'wylaczony z windykacji',
    'bez windykacji',
    'wstrzymana windykacja',
    'excluded',
  ],
  'invoice.id': ['id faktury', 'identyfikator faktury', 'id dokumentu', 'invoice id'],
  'invoice.number': [
    'numer',
    'nr',
    'numer faktury',
    'nr faktury',
    'numer dokumentu',
    'nr dokumentu',
    'faktura',
    'dokument',
    'invoice',
    'invoice number',
    'invoice no',
    'document number',
    'number',
  ],
  'invoice.issueDate': [
    'data wystawienia',
    'data faktury',
    'data dokumentu',
    'data',
    'issue date',
    'invoice date',
    'date',
  ],
  'invoice.dueDate': [
    'termin platnosci',
    'termin zaplaty',
    'termin',
    'data platnosci',
    'due date',
    'payment due',
    'due',
  ],
  'invoice.currency': ['waluta', 'kod waluty', 'currency'],
  'invoice.corrects': [
    'faktura korygowana',
    'korygowana faktura',
    'do faktury',
    'corrects',
    'corrected invoice',
  ],
  'invoice.amount': [
    'kwota brutto',
    'wartosc brutto',
    'brutto',
    'kwota',
    'wartosc',
    'gross amount',
    'gross',
    'amount',
    'total',
  ],
  'invoice.openAmount': [
    'pozostalo do zaplaty',
    'do zaplaty',
    'pozostalo',
    'saldo',
    'nierozliczone',
    'open amount',
    'amount due',
    'outstanding',
    'balance',
    'remaining',
  ],
  'payment.id': [
    'id wplaty',
    'nr wplaty',
    'numer wplaty',
    'id platnosci',
    'id transakcji',
    'payment id',
    'transaction id',
  ],
  'payment.date': [
    'data wplaty',
    'data zaplaty',
    'data operacji',
    'data ksiegowania',
    'data platnosci',
    'data',
    'payment date',
    'value date',
    'date',
  ],
  'payment.currency': ['waluta', 'kod waluty', 'currency'],
  'payment.amount': ['kwota wplaty', 'kwota', 'wplata', 'payment amount', 'amount'],
  'payment.reference': [
    'tytul przelewu',
    'tytul',
    'opis',
    'referencja',
    'reference',
    'title',
    'description',
  ],
  'payment.invoiceId': ['numer faktury', 'nr faktury', 'faktura', 'invoice', 'invoice number'],
};

/** "Termin płatności" → "termin platnosci"; "E-mail" → "e mail". */
export function normalise(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The column each field most likely comes from, by its header: a header equal to a known name
 * wins over one that only contains it, a longer name over a shorter one; each column goes to one
 * field at most.
 */
export function suggestColumns(
  headers: string[],
  fields: ImportField[],
): Partial<Record<ImportField, string>> {
  const candidates: { field: ImportField; header: string; score: number }[] = [];
  for (const [order, field] of fields.entries()) {
    const names = SYNONYMS[field] ?? attributeNames(field);
    for (const header of headers) {
      const text = normalise(header);
      for (const name of names) {
        const exact = text === name;
        if (!exact && !` ${text} `.includes(` ${name} `)) continue;
        const score = (exact ? 10_000 : 0) + name.length * 10 - order / 100;
        candidates.push({ field, header, score });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score);

  const chosen: Partial<Record<ImportField, string>> = {};
  const taken = new Set<string>();
  for (const { field, header } of candidates) {
    if (chosen[field] !== undefined || taken.has(header)) continue;
    chosen[field] = header;
    taken.add(header);
  }
  return chosen;
}

function attributeNames(field: ImportField): string[] {
  const [, name] = field.split(':');
  return name ? [normalise(name)] : [];
}
