import { parseArgs } from 'node:util';

export interface BenchArgs {
  name: string | undefined;
  json: boolean;
  events: number;
}

const DEFAULT_EVENTS = 1_000_000;
export const CHUNK = 1_000;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, events: { type: 'string' } },
  });
  const events = values.events === undefined ? DEFAULT_EVENTS : Number(values.events);
  if (!Number.isInteger(events) || events < CHUNK || events % CHUNK !== 0) {
    throw new Error(`--events must be a whole number of thousands, got ${values.events}`);
  }
  return { name: positionals[0], json: values.json, events };
}
