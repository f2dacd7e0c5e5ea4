import type { Logger } from 'pino';

type LogMethod = (entry: Record<string, unknown>, message?: string, ...args: unknown[]) => void;
type NodemailerLogger = Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogMethod>;

/**
 * A logger for nodemailer that passes its lines on at debug level and watches for the one it
 * writes once the whole message, final dot included, has gone to the server. nodemailer's
 * errors look the same whether a timeout struck before that point or after it, and only after
 * it can the server have taken the message. Kept to nodemailer's log record of the message
 * (`tnx: 'message'` with its byte counts), which the tests of both timeouts pin down.
 */
export function protocolWatch(logger: Logger): {
  logger: NodemailerLogger;
  messageWritten(): boolean;
} {
  let written = false;
  const forward: LogMethod = (entry, message, ...args) => {
    if (entry?.tnx === 'message' && typeof entry.outByteCount === 'number') written = true;
    logger.debug(entry, message, ...args);
  };
  const methods = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
  return {
    logger: Object.fromEntries(methods.map((m) => [m, forward])) as NodemailerLogger,
    messageWritten: () => written,
  };
}
