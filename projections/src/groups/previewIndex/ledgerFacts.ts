/**
 * What the preview index keeps of one customer: the fields criteria test, in the form they
 * are tested. `city` is lower-cased by PostgreSQL (`lower(city)`), as the SQL compares it.
 */
export interface CustomerFacts {
  id: string;
  excluded: boolean;
  country: string;
  city: string | null;
  hasEmail: boolean;
  hasPhone: boolean;
  categories: string[];
  attributes: Record<string, unknown>;
  /** Day number of the latest payment, `NO_DAY` without one. */
  lastPayment: number;
}

/** One open invoice (`open_amount > 0`) as the index stores it; amounts in minor units. */
export interface OpenInvoiceFacts {
  currency: string;
  due: number;
  issue: number;
  amount: number;
  open: number;
}
