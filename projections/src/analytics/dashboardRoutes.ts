import {
  defineRoute,
  formatAmount,
  NotFoundError,
  readCatalogue,
  type RouteDefinition,
} from '@monity/core';
import type { DatabasePool } from 'slonik';
import { moveOverdueDay } from '../ledger/overdueDay.ts';
import { principalTenant, reading } from '../ledger/tenantReading.ts';
import { BASE_CURRENCY, dashboard } from './dashboard.ts';
import { MAX_PAID_WITHIN } from './reminderProjection.ts';
import { shiftDay, snapshotTrend } from './kpiSnapshots.ts';
import type { SnapshotSchedule } from './snapshotSchedule.ts';

interface DashboardQuery {
  currency?: string;
  period: number;
  paidWithin: number;
  schemeId?: string;
}

/** The dashboard's routes: today's KPIs, their daily trend, and a snapshot on demand. */
export function dashboardRoutes(schedule: SnapshotSchedule): RouteDefinition[] {
  const kpis = defineRoute<unknown, DashboardQuery>({
    method: 'GET',
    path: '/api/dashboard',
    operationId: 'getDashboard',
    summary:
      'Receivables, overdue and its share, DSO, CEI, aging, top debtors, messages by channel ' +
      'and status, and what was paid within N days after a reminder',
    tags: ['analytics'],
    access: 'ledger.read',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        period: { type: 'integer', minimum: 7, maximum: 366, default: 90 },
        paidWithin: { type: 'integer', minimum: 1, maximum: MAX_PAID_WITHIN, default: 14 },
        schemeId: { type: 'string', format: 'uuid' },
      },
    },
    responses: { 200: { description: 'The KPIs per currency and as a PLN headline' } },
    handler: (ctx, { query }) => {
      const db = ctx.state.container.resolve<DatabasePool>('db');
      return reading(ctx, async (tx, tenantId, today) => {
        await moveOverdueDay(db, tenantId, today);
        const scheme = query.schemeId
          ? (await readCatalogue(tx, tenantId)).schemes.get(query.schemeId)
          : undefined;
        if (query.schemeId && !scheme) throw new NotFoundError('No such aging scheme');
        return dashboard(tx, tenantId, {
          today,
          periodDays: query.period,
          paidWithinDays: query.paidWithin,
          ...(query.currency ? { currency: query.currency } : {}),
          ...(scheme ? { buckets: scheme.buckets } : {}),
        });
      });
    },
  });

  const trend = defineRoute<unknown, { months: number }>({
    method: 'GET',
    path: '/api/dashboard/trend',
    operationId: 'getDashboardTrend',
    summary: 'Receivables and overdue in PLN per day, from the daily snapshots',
    tags: ['analytics'],
    access: 'ledger.read',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { months: { type: 'integer', minimum: 1, maximum: 13, default: 12 } },
    },
    responses: { 200: { description: 'One point per day with a snapshot, oldest first' } },
    handler: (ctx, { query }) =>
      reading(ctx, async (tx, _tenantId, today) => {
        const rows = await snapshotTrend(
          tx,
          shiftDay(today, -Math.round(query.months * 30.44)),
          today,
        );
        return {
          currency: BASE_CURRENCY,
          items: rows.map((row) => ({
            day: row.day,
            receivables: formatAmount(Number(row.receivables), BASE_CURRENCY),
            overdue: formatAmount(Number(row.overdue), BASE_CURRENCY),
            missingRates: row.missing_rates,
          })),
        };
      }),
  });

  const snapshotNow = defineRoute({
    method: 'POST',
    path: '/api/dashboard/snapshots',
    operationId: 'takeDashboardSnapshots',
    summary: "Stores today's KPI snapshot and backfills missing past days from the history",
    tags: ['analytics'],
    access: 'ledger.configure',
    responses: { 200: { description: 'How many days were stored' } },
    handler: async (ctx) => {
      const tenant = await principalTenant(ctx);
      return { days: await schedule.runTenant(tenant.id, tenant.timeZone) };
    },
  });

  return [kpis, trend, snapshotNow];
}
