import { ConfigError, loadConfig } from '../config/loadConfig.ts';
import { MonityError } from '../errors.ts';
import { createLogger } from './createLogger.ts';
import { startServer, type StartOptions } from './startServer.ts';

/** One Monity server as a command runs it, stopped cleanly by Ctrl-C or SIGTERM. */
export async function runMonity(options: StartOptions = {}): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Monity cannot start: ${error.message}`);
    process.exit(1);
  }

  const logger = createLogger(config.logLevel);
  const starting = startServer(config, logger, options);
  // Handlers go in before anything is printed: a signal during the start waits for it to end,
  // then stops what was started.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const server = await starting.catch(() => undefined);
    await server?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const server = await starting.catch((error: unknown) => {
    logger.fatal({ err: error }, 'start failed');
    const reason = error instanceof MonityError ? error.message : String(error);
    console.error(`Monity cannot start: ${reason}`);
    process.exit(1);
  });
  console.log(`Monity is running at ${server.url} (API docs: ${server.url}/api/docs)`);
  if (server.demo) {
    console.log(
      `Log in to the demo company as ${server.demo.email} with password ` +
        `${server.demo.password} (shown this once; reset it from the login page if lost).`,
    );
  }
}
