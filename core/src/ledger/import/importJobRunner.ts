import type pg from 'pg';
import type { Logger } from 'pino';
import type { Actor } from '../../eventStore/index.ts';
import type { ImportedRow, Importer } from '../../plugins/index.ts';
import type { LedgerRecord, LedgerUnit, LedgerWriter, RecordResult } from '../ledgerWriter.ts';
import { dayIn } from '../tenantToday.ts';
import { fieldOfPointer, mapRow, type ColumnMapping } from './columnMapping.ts';
import { countingOpen, importFilePath, importerFor, readNdjson } from './importSources.ts';

const BATCH_ROWS = 2000;
const POLL_MS = 1000;

interface JobRow {
  id: string;
  tenant_id: string;
  source: 'file' | 'records';
  file_name: string;
  mapping: ColumnMapping | null;
  processed_rows: number;
  actor: Actor;
}

/** A row's records with the line they came from, or the problems that refuse it outright. */
interface PreparedRow {
  line: number;
  unit: LedgerUnit;
  problems: { record: string; field: string; message: string }[];
}

class LeaseLostError extends Error {}

/**
 * Runs import jobs in the background, one at a time per process; several processes share the
 * queue safely (a job is claimed with SKIP LOCKED and held by a lease renewed every batch).
 * Each batch of rows lands in one transaction together with the job's progress, so a job taken
 * over after a crash resumes right after the last batch that landed: nothing twice, nothing lost.
 */
export class ImportJobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      pgPool: pg.Pool;
      ledgerWriter: LedgerWriter;
      importers: () => Iterable<Importer>;
      clock: { now(): Date };
      logger: Logger;
      dataDir: string;
      leaseSeconds: number;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((err: unknown) => this.deps.logger.error({ err }, 'import runner failed'))
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.wake(), POLL_MS);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let job = await this.claim(); job && !this.stopped; job = await this.claim()) {
      await this.run(job);
    }
  }

  private async claim(): Promise<JobRow | undefined> {
    const { rows } = await this.deps.pgPool.query<JobRow>(
      `UPDATE import_jobs SET status = 'running', started_at = coalesce(started_at, now()),
         lease_until = now() + make_interval(secs => $1)
       WHERE id = (SELECT id FROM import_jobs
         WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
         ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id, tenant_id, source, file_name, mapping, processed_rows, actor`,
      [this.deps.leaseSeconds],
    );
    return rows[0];
  }

  private async run(job: JobRow): Promise<void> {
    const log = this.deps.logger.child({ importJob: job.id });
    try {
      const today = await this.today(job.tenant_id);
      let readBytes = 0;
      const open = countingOpen(importFilePath(this.deps.dataDir, job.id), (b) => (readBytes = b));
      const reading =
        job.source === 'records'
          ? readNdjson(open)
          : await importerFor(this.deps.importers(), job.file_name).read({
              name: job.file_name,
              open,
            });
      let processed = job.processed_rows;
      let skipped = 0;
      let batch: PreparedRow[] = [];
      let landing = Promise.resolve(processed);
      for await (const row of reading.rows) {
        if (skipped < job.processed_rows) {
          skipped += 1;
          continue;
        }
        batch.push(prepare(job, row));
        if (batch.length < BATCH_ROWS) continue;
        // The next batch is read and mapped while this one is written: Node parses while
        // PostgreSQL writes. Batches still land one after another, in file order.
        processed = await landing;
        if (this.stopped) return;
        landing = this.land(job, today, batch, processed, readBytes);
        landing.catch(() => undefined); // awaited above or below; never left unhandled
        batch = [];
      }
      processed = await landing;
      processed = await this.land(job, today, batch, processed, readBytes);
      await this.deps.pgPool.query(
        `UPDATE import_jobs SET status = 'done', finished_at = now(), lease_until = NULL,
           read_bytes = size_bytes WHERE id = $1`,
        [job.id],
      );
      log.info({ rows: processed }, 'import done');
    } catch (error) {
      if (error instanceof LeaseLostError)
        return log.warn('import job taken over by another runner');
      log.error({ err: error }, 'import failed');
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.pgPool.query(
        `UPDATE import_jobs
         SET status = 'failed', error = $2, finished_at = now(), lease_until = NULL
         WHERE id = $1`,
        [job.id, message.slice(0, 1000)],
      );
    }
  }

  /** Writes one batch with the job's progress and errors, all in one transaction. */
  private async land(
    job: JobRow,
    today: string,
    batch: PreparedRow[],
    processed: number,
    readBytes: number,
  ) {
    if (batch.length === 0) return processed;
    const writable = batch.filter((row) => row.problems.length === 0);
    const context = { tenantId: job.tenant_id, actor: job.actor, correlationId: job.id, today };
    await this.deps.ledgerWriter.write(
      context,
      writable.map((row) => row.unit),
      {
        beforeCommit: async (client, results) => {
          const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
          const errors: { line: number; record: string; field: string; message: string }[] = [];
          for (const row of batch) {
            if (row.problems.length > 0) {
              counts.rejected += 1;
              errors.push(...row.problems.map((p) => ({ line: row.line, ...p })));
            }
          }
          results.forEach((unit, i) => {
            const line = writable[i]!.line;
            const refused = unit.filter((r) => r.status === 'rejected');
            if (refused.length > 0) counts.rejected += 1;
            else for (const result of unit) counts[result.status] += 1;
            // Records refused only because another of their row was are not reported again.
            const reasons = refused.filter((r) => r.errors && r.errors.length > 0);
            errors.push(...reasons.flatMap((r) => errorsOf(r).map((e) => ({ line, ...e }))));
          });
          await recordProgress(
            client,
            job,
            { processed, rows: batch.length, counts, readBytes },
            errors,
            this.deps.leaseSeconds,
          );
        },
      },
    );
    return processed + batch.length;
  }

  private async today(tenantId: string): Promise<string> {
    const { rows } = await this.deps.pgPool.query<{ time_zone: string }>(
      'SELECT time_zone FROM tenants WHERE id = $1',
      [tenantId],
    );
    return dayIn(rows[0]?.time_zone ?? 'Europe/Warsaw', this.deps.clock);
  }
}

function prepare(job: JobRow, row: ImportedRow): PreparedRow {
  if (job.source === 'records') {
    try {
      const { kind, ...record } = JSON.parse(row.cells.record!) as { kind: string };
      if (kind !== 'customer' && kind !== 'invoice' && kind !== 'payment') {
        return refused(row.line, 'kind', 'must be customer, invoice or payment');
      }
      return { line: row.line, unit: [{ kind, record } as LedgerRecord], problems: [] };
    } catch {
      return refused(row.line, 'record', 'is not a JSON object');
    }
  }
  const mapped = mapRow(job.mapping!, row.cells);
  const record = describe(mapped.unit);
  return {
    line: row.line,
    unit: mapped.unit,
    problems: mapped.problems.map((p) => ({ record, ...p })),
  };
}

function refused(line: number, field: string, message: string): PreparedRow {
  return { line, unit: [], problems: [{ record: '', field, message }] };
}

function describe(unit: LedgerUnit): string {
  const last = unit.at(-1);
  return last ? `${last.kind} ${String(last.record.id ?? '')}`.trim() : '';
}

function errorsOf(result: RecordResult) {
  const record = `${result.kind} ${result.id}`.trim();
  return (result.errors ?? []).map((e) => ({
    record,
    field: fieldOfPointer(result.kind, e.pointer),
    message: e.message,
  }));
}

interface Progress {
  processed: number;
  rows: number;
  counts: Record<'created' | 'updated' | 'unchanged' | 'rejected', number>;
  readBytes: number;
}

async function recordProgress(
  client: pg.ClientBase,
  job: JobRow,
  { processed, rows, counts, readBytes }: Progress,
  errors: { line: number; record: string; field: string; message: string }[],
  leaseSeconds: number,
) {
  // The expected row count makes a runner that lost its lease fail instead of writing twice.
  const { rowCount } = await client.query(
    `UPDATE import_jobs SET processed_rows = processed_rows + $3, created = created + $4,
       updated = updated + $5, unchanged = unchanged + $6, rejected = rejected + $7,
       read_bytes = greatest(read_bytes, $8), lease_until = now() + make_interval(secs => $9)
     WHERE id = $1 AND processed_rows = $2`,
    [
      job.id,
      processed,
      rows,
      counts.created,
      counts.updated,
      counts.unchanged,
      counts.rejected,
      readBytes,
      leaseSeconds,
    ],
  );
  if (rowCount !== 1) throw new LeaseLostError();
  if (errors.length === 0) return;
  const seqs = new Map<number, number>();
  const seq = errors.map((e) => {
    const next = (seqs.get(e.line) ?? 0) + 1;
    seqs.set(e.line, next);
    return next;
  });
  await client.query(
    `INSERT INTO import_job_errors (job_id, tenant_id, line, seq, record, field, message)
     SELECT $1, $2, * FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[])`,
    [
      job.id,
      job.tenant_id,
      errors.map((e) => e.line),
      seq,
      errors.map((e) => e.record),
      errors.map((e) => e.field),
      errors.map((e) => e.message),
    ],
  );
}
