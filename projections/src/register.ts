import type {
  Clock,
  EventStore,
  PluginRegistry,
  ReadModelsPluginContext,
  TenantDatabase,
} from '@monity/core';
import type pg from 'pg';
import type { DatabasePool } from 'slonik';
import { auditLogProjection } from './auditLog/auditLogProjection.ts';
import { auditLogRoutes } from './auditLog/auditLogRoutes.ts';
import { bulkCategoriseRoute } from './ledger/bulkCategoriseRoute.ts';
import { ledgerProjection } from './ledger/ledgerProjection.ts';
import { groupProjection } from './groups/groupProjection.ts';
import { groupReadRoutes } from './groups/groupReadRoutes.ts';
import { dashboardRoutes } from './analytics/dashboardRoutes.ts';
import { SnapshotSchedule } from './analytics/snapshotSchedule.ts';
import { ledgerReadRoutes } from './ledger/ledgerReadRoutes.ts';
import type { Projection } from './projection.ts';
import { projectionRoutes } from './projectionRoutes.ts';
import { exchangeRateProjection } from './rates/exchangeRateProjection.ts';
import { exchangeRateReadRoutes } from './rates/exchangeRateReadRoutes.ts';
import { ProjectionRunner } from './runner/projectionRunner.ts';

/**
 * The read side joins the server as a plugin: it runs every read model contributed by any
 * plugin (this package's own included) and serves the projections' status.
 */
export function register(context: ReadModelsPluginContext): void {
  const runner = new ProjectionRunner({
    store: context.container.resolve<EventStore>('eventStore'),
    db: context.container.resolve<DatabasePool>('db'),
    logger: context.logger,
    // An import appends a million events; larger batches mean fewer commits, each an fsync.
    batchSize: 2_000,
  });
  projectionRoutes(runner).forEach((route) => context.routes.register(route));
  auditLogRoutes().forEach((route) => context.routes.register(route));
  const snapshots = new SnapshotSchedule({
    tenantDb: context.container.resolve<TenantDatabase>('tenantDb'),
    pgPool: context.container.resolve<pg.Pool>('pgPool'),
    clock: context.container.resolve<Clock>('clock'),
    logger: context.logger,
  });
  [
    ...ledgerReadRoutes,
    bulkCategoriseRoute,
    ...groupReadRoutes,
    ...dashboardRoutes(snapshots),
  ].forEach((route) => context.routes.register(route));
  context.readModels.register(auditLogProjection);
  context.readModels.register(ledgerProjection);
  context.readModels.register(exchangeRateProjection);
  exchangeRateReadRoutes.forEach((route) => context.routes.register(route));
  context.readModels.register(groupProjection);

  context.lifecycle.onStart(async () => {
    const registry = context.container.resolve<PluginRegistry>('pluginRegistry');
    for (const readModel of registry.readModels.values()) runner.register(readModel as Projection);
    await runner.start();
    await snapshots.start();
  });
  context.lifecycle.onStop(async () => {
    await snapshots.stop();
    await runner.stop();
  });
}
