import { meets, type BenchReport, type BenchResult, type Target } from './report.ts';

const HEADER = ['name', 'value', 'unit', 'limit', 'ratio', 'target', 'pass'];

/** The report as a plain text table, one row per result, notes below it. */
export function formatTable(report: BenchReport, targets: Record<string, Target>): string {
  const limits = new Set(report.results.flatMap((r) => (r.limit ? [r.limit] : [])));
  const rows = report.results.map((result) =>
    row(result, targets[result.name], limits.has(result.name)),
  );
  const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) =>
      i === 1 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
    );
  const { cpus, memoryGiB, node, postgres } = report.machine;

  return [
    `${report.bench}: ${cpus} cpus, ${memoryGiB} GiB, node ${node}, PostgreSQL ${postgres}`,
    '',
    line(HEADER).join('  '),
    ...rows.map((cells) => line(cells).join('  ').trimEnd()),
    '',
    ...report.results.filter((r) => r.note).map((r) => `${r.name}: ${r.note}`),
  ].join('\n');
}

function row(result: BenchResult, target: Target | undefined, isLimit: boolean): string[] {
  const passed = meets(result, target);
  return [
    result.name,
    result.value.toLocaleString('en-US'),
    result.unit,
    result.limit ?? '',
    result.ratio === undefined ? '' : result.ratio.toFixed(2),
    target ? describe(target) : isLimit ? 'the limit' : '',
    passed === undefined ? '' : passed ? 'pass' : 'FAIL',
  ];
}

function describe(target: Target): string {
  if (target.label) return target.label;
  const figure = target.atLeast.toLocaleString('en-US');
  if (target.below) return `< ${figure}`;
  return target.of === 'ratio' ? `ratio >= ${figure}` : `>= ${figure}`;
}
