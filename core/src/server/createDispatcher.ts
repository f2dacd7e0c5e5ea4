import type { AwilixContainer } from 'awilix';
import type { Logger } from 'pino';
import { ChannelAccounts } from '../channels/channelAccounts.ts';
import { SecretBox } from '../channels/secretBox.ts';
import type { MonityConfig } from '../config/configSchema.ts';
import { crashHookFromEnv } from '../dispatch/crashPoint.ts';
import { Dispatcher, type DispatchOptions } from '../dispatch/dispatcher.ts';
import type { Channel } from '../plugins/index.ts';
import type { RootServices } from './createContainer.ts';

/**
 * The company accounts of the installed channels, and the outbox's dispatcher over them, as the
 * server runs them. The crash tests start it alone in a process of their own
 * (core/test/dispatch/dispatchProcess.ts), so what they kill is this wiring, not a copy.
 */
export function createDispatcher(
  container: AwilixContainer<RootServices>,
  channels: ReadonlyMap<string, Channel>,
  config: MonityConfig,
  logger: Logger,
): { channelAccounts: ChannelAccounts; dispatcher: Dispatcher } {
  const channelAccounts = new ChannelAccounts(SecretBox.open(config), channels);
  const dispatcher = new Dispatcher({
    pgPool: container.cradle.pgPool,
    tenantDb: container.cradle.tenantDb,
    accounts: channelAccounts,
    clock: container.cradle.clock,
    logger,
    publicUrl: config.publicUrl,
    options: dispatchOptions(config),
    // TEST HOOK: undefined unless NODE_ENV=test and MONITY_TEST_DISPATCH_CRASH (crashPoint.ts).
    crash: crashHookFromEnv(process.env),
  });
  return { channelAccounts, dispatcher };
}

function dispatchOptions(config: MonityConfig): DispatchOptions {
  return {
    concurrency: config.dispatchConcurrency,
    leaseSeconds: config.dispatchLeaseSeconds,
    maxAttempts: config.dispatchMaxAttempts,
    retryBaseMs: config.dispatchRetrySeconds * 1000,
    retryCapMs: 3_600_000,
    pollMs: config.dispatchPollMs,
  };
}
