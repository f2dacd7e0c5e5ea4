/**
 * Monity's benchmarks; the method and the targets are in BENCHMARKS.md.
 *
 *   npm run bench -- eventstore                   readable table on standard output
 *   npm run -s bench -- eventstore --json         one JSON document on standard output
 *   npm run bench -- eventstore --events 100000   smaller data set (default 1,000,000)
 *
 * `-s` keeps npm's own banner off standard output. Progress goes to standard error
 * (LOG_LEVEL=warn quiets it). Each run starts its own embedded PostgreSQL 18 in a temporary
 * folder and removes it at the end; a full run takes about 12 minutes on 2 cores.
 */
import { eventStoreBench } from './eventstore/eventStoreBench.ts';
import { importBench } from './import/importBench.ts';
import { previewBench } from './preview/previewBench.ts';
import { dunningBench } from './dunning/dunningBench.ts';
import { pagesBench } from './pages/pagesBench.ts';
import { parseBenchArgs, type BenchArgs } from './support/args.ts';
import { createLogger } from './support/logger.ts';
import type { Bench } from './support/report.ts';
import { formatTable } from './support/table.ts';

const BENCHES: Record<string, Bench> = {
  eventstore: eventStoreBench,
  import: importBench,
  preview: previewBench,
  dunning: dunningBench,
  pages: pagesBench,
};

const USAGE = `usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [--json] [--events N]`;

/** The arguments and the bench they name, or a line saying why not. */
function select(argv: string[]): { args: BenchArgs; bench: Bench } | string {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    return (error as Error).message;
  }
  const bench = args.name === undefined ? undefined : BENCHES[args.name];
  return bench ? { args, bench } : `Unknown bench ${args.name ?? '(none)'}`;
}

async function main(argv: string[]): Promise<number> {
  const selected = select(argv);
  if (typeof selected === 'string') {
    process.stderr.write(`${selected}\n${USAGE}\n`);
    return 2;
  }

  const { args, bench } = selected;
  const report = await bench.run({ events: args.events, logger: createLogger() });
  process.stdout.write(
    args.json ? `${JSON.stringify(report)}\n` : `${formatTable(report, bench.targets)}\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
