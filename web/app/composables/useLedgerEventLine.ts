import type { TimelineEvent } from '@monity/sdk';

/** What the timeline learnt of an invoice or payment from its first event. */
export interface LedgerDocument {
  number?: string;
  currency: string;
}

/**
 * One line of a customer's timeline, in the page's language: "Faktura FV/1 wystawiona na
 * 1 234,56 zł, termin płatności 15 gru 2026". The timeline answers the events as stored:
 * amounts in integer minor units (grosze), turned into a decimal string by moving the point,
 * never by dividing a float. Events after an invoice's first (a correction, an allocation) name
 * neither its number nor its currency: `documents` holds those of the invoices the timeline
 * named (with each page) and of the payments whose first event the page has loaded. An event
 * type without words shows its name.
 */
export function useLedgerEventLine() {
  const { t, te } = useI18n();
  const { money } = useMoney();
  const { date } = useFormatters();
  const { categoryById, attributes } = useCatalogue();

  function amount(value: unknown, currency: unknown): string {
    if (typeof currency !== 'string') return typeof value === 'number' ? '?' : '—';
    const code = currency;
    if (typeof value === 'string') return money(value, code);
    if (typeof value === 'number' && Number.isInteger(value)) {
      return money(minorToDecimal(value, code), code);
    }
    return '—';
  }

  function words(event: TimelineEvent, documents: Map<string, LedgerDocument>) {
    const data = event.data;
    const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
    const document = documents.get(text('invoiceId')) ?? documents.get(text('paymentId'));
    const allocations = Array.isArray(data.allocations)
      ? (data.allocations as { invoiceId: string; amount: number }[])
      : [];
    // An allocation's invoices are in its payment's currency.
    const currency =
      data.currency ??
      document?.currency ??
      documents.get(allocations[0]?.invoiceId ?? '')?.currency;
    const categoryIds = Array.isArray(data.categoryIds) ? (data.categoryIds as string[]) : [];
    const attribute = attributes.value.find((item) => item.id === data.attributeId);
    return {
      name: text('name'),
      number: text('number') || document?.number || '',
      invoices: allocations.map((a) => documents.get(a.invoiceId)?.number ?? '?').join(', '),
      reference: text('reference'),
      reason: text('reason'),
      amount: allocations.length
        ? amount(
            allocations.reduce((sum, a) => sum + a.amount, 0),
            currency,
          )
        : amount(data.amount, currency),
      change: amount(data.change, currency),
      date: text('date') ? date(text('date')) : '',
      dueDate: text('dueDate') ? date(text('dueDate')) : '',
      categories:
        categoryIds.map((id) => categoryById.value.get(id)?.name ?? '?').join(', ') ||
        t('timeline.none'),
      attribute: attribute?.name ?? '',
      value: data.value === null || data.value === undefined ? '—' : String(data.value),
    };
  }

  return (event: TimelineEvent, documents: Map<string, LedgerDocument>): string => {
    const key = `timeline.events.${event.type}`;
    if (!te(key)) return event.type;
    const line = t(key, words(event, documents));
    const reason = typeof event.data.reason === 'string' && event.data.reason;
    return reason ? `${line} (${reason})` : line;
  };
}

/** `123456` grosze → `"1234.56"`, by the currency's decimal places (JPY has none). */
function minorToDecimal(minor: number, currency: string): string {
  const places =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const digits = Math.abs(minor)
    .toString()
    .padStart(places + 1, '0');
  const sign = minor < 0 ? '-' : '';
  if (places === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
