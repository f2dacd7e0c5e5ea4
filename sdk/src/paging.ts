/** One page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  /** Passed back as `after` for the next page; null on the last page. */
  next: string | null;
}

/** Where a keyset-paged list starts and how long its page is (1–200, default 50). */
export interface PageQuery {
  after?: string;
  limit?: number;
}

/** A decimal string in the currency's major unit, such as `"1234.56"`; never a float. */
export type Amount = string;

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;
