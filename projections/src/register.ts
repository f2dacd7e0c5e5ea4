import type {
  Clock,
  EventStore,
  MessageSender,
  MonityConfig,
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
import { PreviewIndexes } from './groups/previewIndex/previewIndexes.ts';
import { dashboardRoutes } from './analytics/dashboardRoutes.ts';
import { SnapshotSchedule } from './analytics/snapshotSchedule.ts';
import { reminderProjection } from './analytics/reminderProjection.ts';
import { messageProjection } from './messages/messageProjection.ts';
import { messageRoutes } from './messages/messageRoutes.ts';
import { sendTemplateRoute } from './messages/sendTemplateRoute.ts';
import { processProjection } from './processes/processProjection.ts';
import { processReadRoutes } from './processes/processReadRoutes.ts';
import { CollectionScheduler } from './collection/collectionScheduler.ts';
import { collectionRoutes } from './collection/collectionRoutes.ts';
import { collectionReadRoutes } from './collection/collectionReadRoutes.ts';
import { handOverRoutes } from './collection/handOverRoutes.ts';
import { manualRunRoutes } from './collection/manualRunRoutes.ts';
import { progressProjection } from './collection/progressProjection.ts';
import { holdProjection } from './collection/holdProjection.ts';
import { ledgerReadRoutes } from './ledger/ledgerReadRoutes.ts';
import { LiveHub } from './live/liveHub.ts';
import { liveRoute } from './live/liveRoute.ts';
import { ReadModelListener } from './live/readModelListener.ts';
import type { Projection } from './projection.ts';
import { projectionRoutes } from './projectionRoutes.ts';
import { exchangeRateProjection } from './rates/exchangeRateProjection.ts';
import { exchangeRateReadRoutes } from './rates/exchangeRateReadRoutes.ts';
import { ProjectionRunner } from './runner/projectionRunner.ts';
import { templateProjection } from './templates/templateProjection.ts';
import { templateReadRoutes } from './templates/templateReadRoutes.ts';

/**
 * The read side joins the server as a plugin: it runs every read model contributed by any
 * plugin (this package's own included), serves the projections' status, and streams the
 * changes of read models to browsers (`GET /api/live`).
 */
export function register(context: ReadModelsPluginContext): void {
  const db = context.container.resolve<DatabasePool>('db');
  const runner = new ProjectionRunner({
    store: context.container.resolve<EventStore>('eventStore'),
    db,
    logger: context.logger,
    // An import appends a million events; larger batches mean fewer commits, each an fsync.
    batchSize: 2_000,
  });
  const hub = new LiveHub(db);
  const liveLogger = context.logger.child({ component: 'live' });
  const listener = new ReadModelListener({
    pool: context.container.resolve<pg.Pool>('pgPool'),
    logger: liveLogger,
    onChange: (change) => hub.publish(change),
    onReconnected: () =>
      void hub.resync().catch((err: unknown) => liveLogger.warn({ err }, 'live resync failed')),
  });
  projectionRoutes(runner).forEach((route) => context.routes.register(route));
  context.routes.register(liveRoute(hub));
  auditLogRoutes().forEach((route) => context.routes.register(route));
  const snapshots = new SnapshotSchedule({
    tenantDb: context.container.resolve<TenantDatabase>('tenantDb'),
    pgPool: context.container.resolve<pg.Pool>('pgPool'),
    clock: context.container.resolve<Clock>('clock'),
    logger: context.logger,
  });
  const collection = new CollectionScheduler({
    tenantDb: context.container.resolve<TenantDatabase>('tenantDb'),
    pgPool: context.container.resolve<pg.Pool>('pgPool'),
    clock: context.container.resolve<Clock>('clock'),
    logger: context.logger,
    // Registered by the server after the plugins: resolved when the first run needs it.
    sender: () => context.container.resolve<MessageSender>('messageSender'),
    tickSeconds: context.container.resolve<MonityConfig>('config').collectionTickSeconds,
  });
  const previewIndexes = new PreviewIndexes({
    tenantDb: context.container.resolve<TenantDatabase>('tenantDb'),
    logger: context.logger.child({ component: 'preview-index' }),
  });
  [
    ...ledgerReadRoutes,
    bulkCategoriseRoute,
    ...groupReadRoutes(previewIndexes),
    ...templateReadRoutes,
    ...dashboardRoutes(snapshots),
    ...messageRoutes,
    sendTemplateRoute,
    ...processReadRoutes,
    ...collectionRoutes(collection),
    ...collectionReadRoutes,
    ...handOverRoutes,
    ...manualRunRoutes,
  ].forEach((route) => context.routes.register(route));
  context.readModels.register(auditLogProjection);
  context.readModels.register(ledgerProjection);
  context.readModels.register(exchangeRateProjection);
  exchangeRateReadRoutes.forEach((route) => context.routes.register(route));
  context.readModels.register(groupProjection);
  context.readModels.register(templateProjection);
  context.readModels.register(messageProjection);
  context.readModels.register(processProjection);
  context.readModels.register(progressProjection);
  context.readModels.register(holdProjection);
  context.readModels.register(reminderProjection);

  context.lifecycle.onStart(async () => {
    const registry = context.container.resolve<PluginRegistry>('pluginRegistry');
    for (const readModel of registry.readModels.values()) runner.register(readModel as Projection);
    await runner.start();
    await listener.start();
    await snapshots.start();
    await collection.start();
    previewIndexes.start();
  });
  context.lifecycle.onStop(async () => {
    previewIndexes.stop();
    await collection.stop();
    await snapshots.stop();
    await listener.stop();
    await runner.stop();
  });
}
