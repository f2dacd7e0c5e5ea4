import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

/** One stream per tenant holds every table it imported: a year of NBP tables is ~250 events. */
export const EXCHANGE_RATES_STREAM = 'exchange-rates';

export const RATE_TABLE_NUMBER = '^\\d{3}/A/NBP/\\d{4}$';

/** The average rate of one currency in one table: PLN for ONE unit, as a decimal string. */
export interface Rate {
  code: string;
  mid: string;
}

/** One NBP table A of average rates, as Monity stores it: rates sorted by currency code. */
export interface RateTable {
  table: 'A';
  /** NBP's number, such as `001/A/NBP/2026`: a table's identity. */
  number: string;
  /** YYYY-MM-DD, the day NBP published it. */
  effectiveDate: string;
  rates: Rate[];
}

const rates = {
  type: 'array',
  minItems: 1,
  maxItems: 200,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'mid'],
    properties: {
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      mid: { type: 'string', pattern: '^\\d{1,10}(\\.\\d{1,8})?$' },
    },
  },
} as const;

/**
 * A table of NBP average rates was imported. A later event with the same number replaces the
 * earlier one as a whole: that is how a corrected table is recorded.
 */
export const exchangeRateEventTypes: EventTypeDefinition[] = [
  eventType('ExchangeRateTableImported', {
    table: { enum: ['A'] },
    number: { type: 'string', pattern: RATE_TABLE_NUMBER },
    effectiveDate: { type: 'string', format: 'date' },
    rates,
  }),
];
