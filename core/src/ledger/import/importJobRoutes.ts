import { rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { v7 as uuidv7 } from 'uuid';
import { commandContextOf, inPrincipalTenant, principalOf } from '../../access/requestContext.ts';
import type { MonityConfig } from '../../config/configSchema.ts';
import { ConflictError, MonityError, NotFoundError, ValidationError } from '../../errors.ts';
import type { HttpContext } from '../../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../../http/defineRoute.ts';
import type { JsonSchema } from '../../http/jsonSchema.ts';
import type { PluginRegistry } from '../../plugins/index.ts';
import { validateCustomer, validateInvoice, validatePayment } from '../validateRecords.ts';
import {
  checkMapping,
  columnMappingSchema,
  fieldOfPointer,
  mapRow,
  type ColumnMapping,
} from './columnMapping.ts';
import type { ImportJobRunner } from './importJobRunner.ts';
import { countingOpen, importFilePath, importerFor } from './importSources.ts';
import { receiveBody, receiveUpload } from './receiveUpload.ts';

const SAMPLE_ROWS = 10;
const DRY_RUN_ROWS = 10_000;
const DRY_RUN_PROBLEMS = 100;

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};
const mappingBody: JsonSchema<{ mapping: ColumnMapping }> = {
  type: 'object',
  additionalProperties: false,
  required: ['mapping'],
  properties: { mapping: columnMappingSchema },
};

const JOB_COLUMNS = `id, file_name AS "fileName", source, status, processed_rows AS "processedRows",
  size_bytes::float8 AS "totalBytes", read_bytes::float8 AS "readBytes", created, updated,
  unchanged, rejected, error, details, mapping, created_at AS "createdAt",
  finished_at AS "finishedAt"`;

function services(ctx: HttpContext) {
  const { container } = ctx.state;
  return {
    dataDir: container.resolve<MonityConfig>('config').dataDir,
    registry: container.resolve<PluginRegistry>('pluginRegistry'),
    runner: container.resolve<ImportJobRunner>('importJobRunner'),
  };
}

async function jobOf(ctx: HttpContext, id: string) {
  const job = await inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query(
      `SELECT ${JOB_COLUMNS} FROM import_jobs WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] as
      { fileName: string; status: string; details: { headers: string[] } } | undefined;
  });
  if (!job) throw new NotFoundError('No such import');
  return job;
}

const upload = defineRoute({
  method: 'POST',
  path: '/api/import-jobs/files',
  operationId: 'uploadImportFile',
  summary: 'Upload a CSV, TXT or XLSX file to import; answers its columns and first rows',
  tags: ['import'],
  access: 'ledger.write',
  responses: { 201: { description: 'The uploaded file, how it was read, and a sample' } },
  handler: async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const { dataDir, registry } = services(ctx);
    const id = uuidv7();
    const file = importFilePath(dataDir, id);
    const { fileName, size } = await receiveUpload(ctx, file);
    try {
      const importer = importerFor(registry.importers.values(), fileName);
      const reading = await importer
        .read({ name: fileName, open: countingOpen(file, () => undefined) })
        .catch((error: unknown) => {
          throw new MonityError(
            'import_file_unreadable',
            error instanceof Error ? error.message : String(error),
            400,
          );
        });
      const sample: Record<string, string>[] = [];
      for await (const row of reading.rows) {
        sample.push(row.cells);
        if (sample.length === SAMPLE_ROWS) break;
      }
      const details = { ...reading.details, headers: reading.headers, importer: importer.name };
      const actor = commandContextOf(ctx).actor;
      await inPrincipalTenant(ctx, (tx) =>
        tx.query(
          `INSERT INTO import_jobs (id, tenant_id, source, file_name, importer, status, size_bytes,
             details, actor, created_at)
           VALUES ($1, $2, 'file', $3, $4, 'uploaded', $5, $6, $7, now())`,
          [
            id,
            tenantId,
            fileName,
            importer.name,
            size,
            JSON.stringify(details),
            JSON.stringify(actor),
          ],
        ),
      );
      ctx.status = 201;
      return {
        id,
        fileName,
        status: 'uploaded',
        headers: reading.headers,
        details: reading.details,
        sample,
      };
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  },
});

const records = defineRoute({
  method: 'POST',
  path: '/api/import-jobs/records',
  operationId: 'importRecordsJob',
  summary: 'Import any number of records sent as NDJSON, in the background',
  description: 'One JSON object per line, each with `kind` (customer, invoice or payment).',
  tags: ['import'],
  access: 'ledger.write',
  responses: { 202: { description: 'The queued job' } },
  handler: async (ctx) => {
    if (!ctx.is('application/x-ndjson')) {
      throw new MonityError('unsupported_media_type', 'Send records as application/x-ndjson', 415);
    }
    const { tenantId } = principalOf(ctx);
    const { dataDir, runner } = services(ctx);
    const id = uuidv7();
    const size = await receiveBody(ctx, importFilePath(dataDir, id));
    const actor = commandContextOf(ctx).actor;
    await inPrincipalTenant(ctx, (tx) =>
      tx.query(
        `INSERT INTO import_jobs
           (id, tenant_id, source, file_name, status, size_bytes, actor, created_at)
         VALUES ($1, $2, 'records', 'records.ndjson', 'queued', $3, $4, now())`,
        [id, tenantId, size, JSON.stringify(actor)],
      ),
    );
    runner.wake();
    ctx.status = 202;
    return jobOf(ctx, id);
  },
});

function mappingProblems(mapping: ColumnMapping, headers: string[]) {
  const errors = checkMapping(mapping, headers);
  if (errors.length > 0) throw new ValidationError('The mapping does not fit the file', errors);
}

const dryRun = defineRoute<{ id: string }, unknown, { mapping: ColumnMapping }>({
  method: 'POST',
  path: '/api/import-jobs/:id/dry-run',
  operationId: 'dryRunImport',
  summary: 'Check the first rows of an uploaded file with a mapping, writing nothing',
  tags: ['import'],
  access: 'ledger.write',
  params: idParams,
  body: mappingBody,
  responses: { 200: { description: 'How many rows were checked and the first problems' } },
  handler: async (ctx, { params, body }) => {
    const job = await jobOf(ctx, params.id);
    mappingProblems(body.mapping, job.details.headers);
    const { dataDir, registry } = services(ctx);
    const file = importFilePath(dataDir, params.id);
    const reading = await importerFor(registry.importers.values(), job.fileName).read({
      name: job.fileName,
      open: countingOpen(file, () => undefined),
    });
    const problems: { line: number; field: string; message: string }[] = [];
    let rows = 0;
    let valid = 0;
    for await (const row of reading.rows) {
      rows += 1;
      const mapped = mapRow(body.mapping, row.cells);
      const unreadable = new Set(mapped.problems.map((p) => p.field));
      const found = [
        ...mapped.problems,
        ...mapped.unit.flatMap((item) => {
          const checked =
            item.kind === 'customer'
              ? validateCustomer(item.record)
              : item.kind === 'invoice'
                ? validateInvoice(item.record)
                : validatePayment(item.record);
          return checked.ok
            ? []
            : checked.errors.map((e) => ({
                field: fieldOfPointer(item.kind, e.pointer),
                message: e.message,
              }));
        }),
      ];
      // A cell that could not be read is reported once, not again by the record's validation.
      const reported = found.filter(
        (p, i) => i < mapped.problems.length || !unreadable.has(p.field),
      );
      if (reported.length === 0) valid += 1;
      for (const problem of reported) {
        if (problems.length < DRY_RUN_PROBLEMS) problems.push({ line: row.line, ...problem });
      }
      if (rows === DRY_RUN_ROWS || problems.length >= DRY_RUN_PROBLEMS) break;
    }
    return { rows, valid, problems };
  },
});

const start = defineRoute<{ id: string }, unknown, { mapping: ColumnMapping }>({
  method: 'POST',
  path: '/api/import-jobs/:id/start',
  operationId: 'startImport',
  summary: 'Import an uploaded file with a mapping, in the background',
  tags: ['import'],
  access: 'ledger.write',
  params: idParams,
  body: mappingBody,
  responses: { 202: { description: 'The queued job' } },
  handler: async (ctx, { params, body }) => {
    const job = await jobOf(ctx, params.id);
    mappingProblems(body.mapping, job.details.headers);
    const started = await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rowCount } = await tx.query(
        `UPDATE import_jobs SET status = 'queued', mapping = $3
         WHERE tenant_id = $1 AND id = $2 AND status = 'uploaded'`,
        [tenantId, params.id, JSON.stringify(body.mapping)],
      );
      return rowCount === 1;
    });
    if (!started) throw new ConflictError('import_started', 'This import has already started');
    services(ctx).runner.wake();
    ctx.status = 202;
    return jobOf(ctx, params.id);
  },
});

const show = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/import-jobs/:id',
  operationId: 'getImportJob',
  summary: 'An import with its progress and counts',
  tags: ['import'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The import' } },
  handler: (ctx, { params }) => jobOf(ctx, params.id),
});

const list = defineRoute({
  method: 'GET',
  path: '/api/import-jobs',
  operationId: 'listImportJobs',
  summary: 'The latest 100 imports, newest first',
  tags: ['import'],
  access: 'ledger.read',
  responses: { 200: { description: 'Imports' } },
  handler: (ctx) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `SELECT ${JOB_COLUMNS} FROM import_jobs WHERE tenant_id = $1
         ORDER BY created_at DESC LIMIT 100`,
        [tenantId],
      );
      return { items: rows };
    }),
});

interface ErrorPage {
  after?: number;
  limit: number;
}

const errorsQuery: JsonSchema<ErrorPage> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
};

/** Errors after a line, whole lines only, so a page never splits the reasons of one row. */
function readErrors(ctx: HttpContext, id: string, after: number, limit: number) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query<{
      line: number;
      record: string;
      field: string;
      message: string;
    }>(
      `SELECT line, record, field, message FROM import_job_errors
       WHERE tenant_id = $1 AND job_id = $2 AND line > $3 ORDER BY line, seq LIMIT $4`,
      [tenantId, id, after, limit + 1],
    );
    if (rows.length <= limit) return { items: rows, next: null };
    const cut = rows.at(-1)!.line;
    const items = rows.filter((row) => row.line < cut);
    // A single row with more reasons than a page holds is the page on its own.
    return items.length > 0 ? { items, next: cut - 1 } : { items: rows, next: cut };
  });
}

const errors = defineRoute<{ id: string }, ErrorPage>({
  method: 'GET',
  path: '/api/import-jobs/:id/errors',
  operationId: 'listImportErrors',
  summary: "An import's refused rows, by line, with every reason",
  tags: ['import'],
  access: 'ledger.read',
  params: idParams,
  query: errorsQuery,
  responses: { 200: { description: 'One page of errors and the `after` of the next' } },
  handler: async (ctx, { params, query }) => {
    await jobOf(ctx, params.id);
    return readErrors(ctx, params.id, query.after ?? 0, query.limit);
  },
});

const errorsCsv = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/import-jobs/:id/errors.csv',
  operationId: 'exportImportErrors',
  summary: "An import's error report as CSV: line, record, field, reason",
  tags: ['import'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'CSV, UTF-8 with a byte order mark for spreadsheets' } },
  handler: async (ctx, { params }) => {
    const job = await jobOf(ctx, params.id);
    const chunks: string[] = [stringify([['line', 'record', 'field', 'reason']])];
    for (let after: number | null = 0; after !== null;) {
      const page = await readErrors(ctx, params.id, after, 5000);
      chunks.push(stringify(page.items.map((r) => [r.line, r.record, r.field, r.message])));
      after = page.next;
    }
    ctx.set(
      'content-disposition',
      `attachment; filename="${encodeURIComponent(job.fileName)}-errors.csv"`,
    );
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = `\ufeff${chunks.join('')}`;
    return undefined;
  },
});

export const importJobRoutes: RouteDefinition[] = [
  upload,
  records,
  dryRun,
  start,
  list,
  show,
  errors,
  errorsCsv,
];
