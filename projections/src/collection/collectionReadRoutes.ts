import {
  defineRoute,
  formatAmount,
  inPrincipalTenant,
  NotFoundError,
  type JsonSchema,
  type RouteDefinition,
  type TenantTransaction,
} from '@monity/core';
import { CUSTOMERS, INVOICES } from '../ledger/ledgerTables.ts';
import { MESSAGES } from '../messages/messageProjection.ts';
import { PROCESSES } from '../processes/processProjection.ts';
import { HOLDS } from './holdProjection.ts';
import { PROGRESS } from './progressProjection.ts';

/** Every status a process's message can be in, counted as zero when none is. */
const MESSAGE_STATUSES = [
  'awaiting_approval',
  'queued',
  'retrying',
  'sent',
  'delivered',
  'opened',
  'bounced',
  'failed',
  'refused',
  'unknown',
  'rejected',
];

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

interface ReachedRow {
  process_id: string;
  process_name: string | null;
  step_id: string;
  step_name: string | null;
  kind: string | null;
  reached_at: string;
  message_id: string | null;
  message_status: string | null;
  skipped: string | null;
  currency: string;
  invoices: number;
}

/**
 * The steps a customer's invoices reached, one line per step and message (a step reaches
 * invoices in two currencies with two messages), in the order of the process's steps.
 */
async function stepsReached(tx: TenantTransaction, tenantId: string, id: string) {
  const { rows } = await tx.query<ReachedRow>(
    `SELECT p.process_id, pr.name AS process_name, p.step_id, s.step->>'name' AS step_name,
       s.step->>'kind' AS kind, to_json(min(p.reached_at)) #>> '{}' AS reached_at, p.message_id,
       m.status AS message_status, p.skipped, p.currency, count(*)::int AS invoices
     FROM ${PROGRESS} p
     LEFT JOIN ${PROCESSES} pr ON pr.tenant_id = p.tenant_id AND pr.process_id = p.process_id
     LEFT JOIN LATERAL (
       SELECT e.step, e.position FROM jsonb_array_elements(pr.definition->'steps')
         WITH ORDINALITY AS e(step, position)
       WHERE e.step->>'id' = p.step_id::text) s ON true
     LEFT JOIN ${MESSAGES} m ON m.tenant_id = p.tenant_id AND m.message_id = p.message_id
     WHERE p.tenant_id = $1 AND p.customer_id = $2
     GROUP BY p.process_id, pr.name, p.step_id, s.step, s.position, p.message_id, m.status,
       p.skipped, p.currency
     ORDER BY lower(pr.name), p.process_id, s.position, min(p.reached_at), p.currency`,
    [tenantId, id],
  );
  const processes = new Map<string, { processId: string; name: string | null; steps: object[] }>();
  for (const row of rows) {
    const process = processes.get(row.process_id) ?? {
      processId: row.process_id,
      name: row.process_name,
      steps: [],
    };
    processes.set(row.process_id, process);
    process.steps.push({
      stepId: row.step_id,
      name: row.step_name,
      kind: row.kind,
      reachedAt: row.reached_at,
      messageId: row.message_id,
      messageStatus: row.message_status,
      skipped: row.skipped,
      currency: row.currency,
      invoiceCount: row.invoices,
    });
  }
  return [...processes.values()];
}

interface HoldRow {
  hold_id: string;
  kind: 'promise' | 'dispute';
  until: string | null;
  amount: string | null;
  currency: string | null;
  text: string | null;
  open: boolean;
  created_at: string;
  closed_at: string | null;
}

async function holdsOf(tx: TenantTransaction, tenantId: string, id: string) {
  const { rows } = await tx.query<HoldRow>(
    `SELECT hold_id, kind, until::text, amount, currency, text, open,
       to_json(created_at) #>> '{}' AS created_at, to_json(closed_at) #>> '{}' AS closed_at
     FROM ${HOLDS} WHERE tenant_id = $1 AND customer_id = $2
     ORDER BY created_at DESC, hold_id`,
    [tenantId, id],
  );
  return rows.map((row) => ({
    id: row.hold_id,
    kind: row.kind,
    until: row.until,
    amount: row.amount,
    currency: row.currency,
    text: row.text,
    open: row.open,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  }));
}

const customerCollection = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/customers/:id/collection',
  operationId: 'getCustomerCollection',
  summary: "Where a customer's collection stands: steps reached, promises and disputes",
  tags: ['processes'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'Steps reached by process, and the holds, newest first' } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `SELECT 1 FROM ${CUSTOMERS} WHERE tenant_id = $1 AND customer_id = $2`,
        [tenantId, params.id],
      );
      if (rows.length === 0) throw new NotFoundError('No such customer');
      return {
        processes: await stepsReached(tx, tenantId, params.id),
        holds: await holdsOf(tx, tenantId, params.id),
      };
    }),
});

interface StepRow {
  step_id: string;
  customers: number;
  statuses: Record<string, number>;
}

interface PaidRow {
  step_id: string;
  currency: string;
  invoices: number;
  amount: string;
}

/**
 * Per step: customers reached, their messages by status, and the invoices it reached that are
 * paid now. It reads every progress row of the process, which is fine at demo sizes; processes
 * over hundreds of thousands of invoices will want counters kept by the projection.
 */
async function stepFigures(tx: TenantTransaction, tenantId: string, id: string) {
  const steps = await tx.query<StepRow>(
    `WITH reached AS (
       SELECT step_id, customer_id, message_id FROM ${PROGRESS}
       WHERE tenant_id = $1 AND process_id = $2),
     messages AS (
       SELECT DISTINCT r.step_id, r.message_id, m.status FROM reached r
       JOIN ${MESSAGES} m ON m.tenant_id = $1 AND m.message_id = r.message_id)
     SELECT r.step_id, count(DISTINCT r.customer_id)::int AS customers,
       (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (
          SELECT status, count(*)::int AS n FROM messages WHERE messages.step_id = r.step_id
          GROUP BY status) s) AS statuses
     FROM reached r GROUP BY r.step_id`,
    [tenantId, id],
  );
  const paid = await tx.query<PaidRow>(
    `SELECT p.step_id, i.currency, count(*)::int AS invoices, sum(i.settled)::text AS amount
     FROM ${PROGRESS} p
     JOIN ${INVOICES} i ON i.tenant_id = p.tenant_id AND i.invoice_id = p.invoice_id
     WHERE p.tenant_id = $1 AND p.process_id = $2 AND i.open_amount = 0 AND NOT i.cancelled
     GROUP BY p.step_id, i.currency ORDER BY i.currency`,
    [tenantId, id],
  );
  return { steps: steps.rows, paid: paid.rows };
}

const overview = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/processes/:id/overview',
  operationId: 'getProcessOverview',
  summary: 'How far a process got: per step customers reached, messages, and paid since',
  tags: ['processes'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: "The process's steps in order, with their figures" } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{ steps: { id: string; name: string; kind: string }[] }>(
        `SELECT definition->'steps' AS steps FROM ${PROCESSES}
         WHERE tenant_id = $1 AND process_id = $2`,
        [tenantId, params.id],
      );
      if (!rows[0]) throw new NotFoundError('No such process');
      const figures = await stepFigures(tx, tenantId, params.id);
      return { processId: params.id, steps: overviewSteps(rows[0].steps, figures) };
    }),
});

/** The process's steps in order, then any a later version removed that had reached someone. */
function overviewSteps(
  defined: { id: string; name: string; kind: string }[],
  figures: { steps: StepRow[]; paid: PaidRow[] },
) {
  const known = new Set(defined.map((step) => step.id));
  const gone = figures.steps
    .filter((row) => !known.has(row.step_id))
    .map((row) => ({ id: row.step_id, name: null, kind: null }));
  return [...defined, ...gone].map((step) => {
    const row = figures.steps.find((s) => s.step_id === step.id);
    return {
      stepId: step.id,
      name: step.name,
      kind: step.kind,
      customers: row?.customers ?? 0,
      messages: Object.fromEntries(
        MESSAGE_STATUSES.map((status) => [status, row?.statuses[status] ?? 0]),
      ),
      paid: figures.paid
        .filter((p) => p.step_id === step.id)
        .map((p) => ({
          currency: p.currency,
          invoices: p.invoices,
          amount: formatAmount(Number(p.amount), p.currency),
        })),
    };
  });
}

export const collectionReadRoutes: RouteDefinition[] = [customerCollection, overview];
