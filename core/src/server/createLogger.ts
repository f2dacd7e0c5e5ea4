import { pino, type Logger } from 'pino';
import type { MonityConfig } from '../config/configSchema.ts';

/**
 * JSON lines for machines; readable lines when a person watches a terminal (unless
 * LOG_FORMAT=json asks for JSON there too).
 */
export function createLogger(level: MonityConfig['logLevel']): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino({
    level,
    base: { service: 'monity' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,service' } } }
      : {}),
  });
}
