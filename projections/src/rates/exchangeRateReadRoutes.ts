import { defineRoute, type JsonSchema, type RouteDefinition } from '@monity/core';
import { reading } from '../ledger/tenantReading.ts';
import { EXCHANGE_RATES } from './exchangeRateProjection.ts';
import { latestRates } from './exchangeRates.ts';

const date = { type: 'string', format: 'date' } as const;

const rateSchema = {
  type: 'object',
  required: ['currency', 'mid', 'effectiveDate', 'table'],
  properties: {
    currency: { type: 'string' },
    mid: { type: 'string', description: 'PLN for one unit of the currency, a decimal string' },
    effectiveDate: date,
    table: { type: 'string', description: 'The NBP table: 001/A/NBP/2026' },
  },
};

const current = defineRoute<unknown, { on?: string }>({
  method: 'GET',
  path: '/api/exchange-rates',
  operationId: 'listExchangeRates',
  summary:
    'For each currency, the NBP average rate of the latest table effective on or before a day',
  description: "`on` is the company's today when left out; on a Saturday, Friday's table serves.",
  tags: ['exchange-rates'],
  access: 'ledger.read',
  query: { type: 'object', additionalProperties: false, properties: { on: date } },
  responses: {
    200: {
      description: 'The day and its rates, by currency',
      schema: {
        type: 'object',
        required: ['on', 'rates'],
        properties: { on: date, rates: { type: 'array', items: rateSchema } },
      },
    },
  },
  handler: (ctx, { query }) =>
    reading(ctx, async (tx, tenantId, today) => {
      const on = query.on ?? today;
      return { on, rates: await latestRates(tx, tenantId, on) };
    }),
});

interface HistoryQuery {
  currency: string;
  from?: string;
  to?: string;
}

const historyQuery: JsonSchema<HistoryQuery> = {
  type: 'object',
  additionalProperties: false,
  required: ['currency'],
  properties: { currency: { type: 'string', pattern: '^[A-Za-z]{3}$' }, from: date, to: date },
};

const history = defineRoute<unknown, HistoryQuery>({
  method: 'GET',
  path: '/api/exchange-rates/history',
  operationId: 'exchangeRateHistory',
  summary: "One currency's NBP average rates, day by day, between two days (both included)",
  tags: ['exchange-rates'],
  access: 'ledger.read',
  query: historyQuery,
  responses: { 200: { description: 'Rates by effective date, oldest first' } },
  handler: (ctx, { query }) =>
    reading(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `SELECT effective_date::text AS "effectiveDate", trim_scale(mid)::text AS mid,
           table_number AS "table"
         FROM ${EXCHANGE_RATES}
         WHERE tenant_id = $1 AND currency = $2
           AND effective_date >= coalesce($3::date, '-infinity')
           AND effective_date <= coalesce($4::date, 'infinity')
         ORDER BY effective_date`,
        [tenantId, query.currency.toUpperCase(), query.from ?? null, query.to ?? null],
      );
      return { items: rows };
    }),
});

export const exchangeRateReadRoutes: RouteDefinition[] = [current, history];
