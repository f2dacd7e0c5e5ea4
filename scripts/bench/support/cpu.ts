import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** CPU-seconds used so far by this process (every thread) and by a PostgreSQL server. */
export interface CpuSeconds {
  node: number;
  /** Null where `/proc` cannot tell (not Linux). */
  postgres: number | null;
}

/** The CPU a stretch of a bench used: the difference of two readings. */
export function cpuUsedSince(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return {
    node: round(after.node - before.node),
    postgres:
      after.postgres === null || before.postgres === null
        ? null
        : round(after.postgres - before.postgres),
  };
}

/**
 * This process's CPU, and that of the PostgreSQL server whose data folder is given: its
 * postmaster (from `postmaster.pid`), the children it has reaped (backends of connections
 * closed meanwhile count there) and the children alive now, from `/proc`. Only the two
 * together tell whether a change of code shrank the work or only moved it: on a shared
 * machine the time of a run varies more than its work.
 */
export function cpuSeconds(dataDir: string): CpuSeconds {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1e6, postgres: postgresCpu(dataDir) };
}

function postgresCpu(dataDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = processStat(entry);
      if (!stat) continue;
      if (Number(entry) === postmaster) ticks += stat.own + stat.reaped;
      else if (stat.parent === postmaster) ticks += stat.own;
    }
    return ticks / ticksPerSecond();
  } catch {
    return null;
  }
}

/** Fields of `/proc/<pid>/stat` (proc(5)), counted after the command's closing parenthesis. */
function processStat(pid: string) {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended between the listing and the read
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (number: number) => Number(fields[number - 3]);
  return {
    parent: field(4),
    own: field(14) + field(15),
    reaped: field(16) + field(17),
  };
}

let clockTicks: number | undefined;

/** The kernel's clock ticks a second in which `/proc` counts CPU time. */
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return clockTicks;
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;
