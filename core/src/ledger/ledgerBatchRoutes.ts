import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { ValidationError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import { idempotent } from '../http/idempotency.ts';
import { commandContextOf, principalOf } from '../access/requestContext.ts';
import type { Clock } from '../clock.ts';
import type { LedgerBatch } from './importRecords.ts';
import type { LedgerRecord, LedgerWriter, RecordResult } from './ledgerWriter.ts';
import { ledgerBatchSchema, MAX_BATCH_RECORDS } from './recordSchemas.ts';
import { dayIn } from './tenantToday.ts';

const SECTIONS = [
  ['customers', 'customer'],
  ['invoices', 'invoice'],
  ['payments', 'payment'],
] as const;

const batch = defineRoute<unknown, unknown, LedgerBatch>({
  method: 'POST',
  path: '/api/ledger/batch',
  operationId: 'importLedgerBatch',
  summary: 'Import up to 10,000 customers, invoices and payments, upserted by their source ids',
  description:
    'Customers are written first, then invoices, then payments; each record lands or is ' +
    'refused on its own, with its reasons. Send an `Idempotency-Key` header to make a retry ' +
    'safe: the same key and body return the first answer.',
  tags: ['ledger'],
  access: 'ledger.write',
  body: ledgerBatchSchema,
  responses: { 200: { description: 'A result per record, in the order sent' } },
  handler: async (ctx, { body }) => {
    const total = SECTIONS.reduce((sum, [section]) => sum + (body[section]?.length ?? 0), 0);
    if (total > MAX_BATCH_RECORDS) {
      throw new ValidationError('Too many records for one batch', [
        {
          pointer: '/body',
          message: `holds ${total}; send at most ${MAX_BATCH_RECORDS}, or an import job`,
        },
      ]);
    }
    const { tenantId } = principalOf(ctx);
    return idempotent(ctx, tenantId, async () => {
      const { container } = ctx.state;
      const today = await tenantDay(
        container.resolve<TenantDatabase>('tenantDb'),
        tenantId,
        container.resolve<Clock>('clock'),
      );
      const command = commandContextOf(ctx);
      const records: { pointer: string; record: LedgerRecord }[] = SECTIONS.flatMap(
        ([section, kind]) =>
          (body[section] ?? []).map((record, i) => ({
            pointer: `/${section}/${i}`,
            record: { kind, record } as LedgerRecord,
          })),
      );
      const written = await container.resolve<LedgerWriter>('ledgerWriter').write(
        {
          tenantId,
          actor: command.actor,
          correlationId: command.requestId,
          requestId: command.requestId,
          today,
        },
        records.map(({ record }) => [record]),
      );
      const results = written.map(([result], i) => withPointers(result!, records[i]!.pointer));
      const summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const result of results) summary[result.status] += 1;
      return { summary, results };
    });
  },
});

function withPointers(result: RecordResult, prefix: string) {
  const { errors, ...rest } = result;
  if (!errors) return rest;
  return {
    ...rest,
    errors: errors.map((e) => ({ pointer: `${prefix}${e.pointer}`, detail: e.message })),
  };
}

export async function tenantDay(tenantDb: TenantDatabase, tenantId: string, clock: Clock) {
  const timeZone = await tenantDb.transaction({ tenantId }, async (tx) => {
    const { rows } = await tx.query<{ time_zone: string }>(
      'SELECT time_zone FROM tenants WHERE id = $1',
      [tenantId],
    );
    return rows[0]?.time_zone ?? 'Europe/Warsaw';
  });
  return dayIn(timeZone, clock);
}

export const ledgerBatchRoutes: RouteDefinition[] = [batch];
