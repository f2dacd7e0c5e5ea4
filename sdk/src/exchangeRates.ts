import type { IsoDate } from './paging.ts';
import type { Transport } from './transport.ts';

/** One currency's NBP average rate (table A). */
export interface ExchangeRate {
  /** ISO 4217 code, `EUR`. */
  currency: string;
  /** PLN for ONE unit of the currency, as a decimal string (`"4.2345"`, `"0.023456"`). */
  mid: string;
  /** The day of the table the rate is from: on or before the day asked about. */
  effectiveDate: IsoDate;
  /** The NBP table's number, `001/A/NBP/2026`. */
  table: string;
}

/** `GET /api/exchange-rates`: for each currency, the latest table on or before `on`. */
export interface ExchangeRatesOnDay {
  on: IsoDate;
  rates: ExchangeRate[];
}

export interface ExchangeRateHistory {
  /** Oldest first. */
  items: Omit<ExchangeRate, 'currency'>[];
}

export type RateTableStatus = 'imported' | 'corrected' | 'unchanged';

/**
 * What an import did: tables of a new number were `imported`; a table whose number was held
 * with other rates `corrected` it (replaced it whole); one held with the same rates is
 * `unchanged`.
 */
export interface RateImportResult {
  imported: number;
  corrected: number;
  unchanged: number;
  tables: { number: string; effectiveDate: IsoDate; status: RateTableStatus }[];
}

/** One table as the NBP Web API answers it (`api.nbp.pl/api/exchangerates/tables/A/`). */
export interface NbpApiTable {
  table: 'A';
  no: string;
  effectiveDate: IsoDate;
  rates: { currency?: string; code: string; mid: number }[];
}

/**
 * NBP average exchange rates (table A), imported and stored by the company; no call to NBP
 * is made by the server.
 *
 * @example
 * const { rates } = await monity.exchangeRates.on('2026-03-14'); // Friday's table on a Saturday
 * const answer = await fetch('https://api.nbp.pl/api/exchangerates/tables/A/2026-01-01/2026-03-31/');
 * await monity.exchangeRates.import(await answer.json());
 * await monity.exchangeRates.upload(archiveFile); // archiwum_tab_a_2026.csv, as nbp.pl has it
 */
export function exchangeRateRoutes(http: Transport) {
  return {
    /** The rates of the company's today, or of the day given. */
    on: (day?: IsoDate) =>
      http.request<ExchangeRatesOnDay>('GET', '/api/exchange-rates', { query: { on: day } }),
    history: (currency: string, range: { from?: IsoDate; to?: IsoDate } = {}) =>
      http.request<ExchangeRateHistory>('GET', '/api/exchange-rates/history', {
        query: { currency, ...range },
      }),
    /** Tables in the NBP Web API's JSON: its answer as is, an array or one table. */
    import: (tables: NbpApiTable | NbpApiTable[]) =>
      http.request<RateImportResult>('POST', '/api/exchange-rates', { body: tables }),
    /** A file of the Web API's JSON or NBP's yearly CSV archive (multipart, field `file`). */
    upload: (file: Blob, fileName?: string) => {
      const form = new FormData();
      form.append('file', file, fileName ?? (file instanceof File ? file.name : 'rates.csv'));
      return http.request<RateImportResult>('POST', '/api/exchange-rates/files', { form });
    },
  };
}
