import { pino, type Logger } from 'pino';

/** Progress goes to standard error, so standard output holds only the report. */
export function createLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined }, pino.destination(2));
}
