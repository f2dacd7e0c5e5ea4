import {
  defineRoute,
  formatAmount,
  NotFoundError,
  type HttpContext,
  type RouteDefinition,
  type TenantTransaction,
} from '@monity/core';
import { stringify } from 'csv-stringify/sync';
import { CUSTOMERS, INVOICES, NOTES } from '../ledger/ledgerTables.ts';
import { reading } from '../ledger/tenantReading.ts';
import { MESSAGES } from '../messages/messageProjection.ts';
import { PROCESSES } from '../processes/processProjection.ts';
import { PROGRESS } from './progressProjection.ts';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

/** Sends CSV for a spreadsheet: UTF-8 with a byte order mark, as a download. */
function csv(ctx: HttpContext, name: string, header: string[], rows: unknown[][]) {
  ctx.set('content-disposition', `attachment; filename="${name}"`);
  ctx.type = 'text/csv; charset=utf-8';
  ctx.body = `\ufeff${stringify([header, ...rows])}`;
  return undefined;
}

async function packageCustomers(tx: TenantTransaction, packageId: string) {
  const { rows } = await tx.query<{ customer_id: string }>(
    `SELECT DISTINCT customer_id FROM ${PROGRESS} WHERE package_id = $1`,
    [packageId],
  );
  if (rows.length === 0) throw new NotFoundError('No such hand-over package');
  return rows.map((r) => r.customer_id);
}

const list = defineRoute({
  method: 'GET',
  path: '/api/hand-overs',
  operationId: 'listHandOvers',
  summary: 'Packages of debts handed over to a collection agency, newest first',
  tags: ['processes'],
  access: 'ledger.read',
  responses: { 200: { description: 'Packages with their process, customers and invoices' } },
  handler: (ctx) =>
    reading(ctx, async (tx) => {
      const { rows } = await tx.query<{
        package_id: string;
        process_id: string;
        process: string | null;
        at: string;
        customers: number;
        invoices: number;
      }>(
        `SELECT p.package_id, p.process_id, r.name AS process,
           to_json(min(p.reached_at)) #>> '{}' AS at,
           count(DISTINCT p.customer_id)::int AS customers, count(*)::int AS invoices
         FROM ${PROGRESS} p LEFT JOIN ${PROCESSES} r ON r.process_id = p.process_id
         WHERE p.package_id IS NOT NULL
         GROUP BY p.package_id, p.process_id, r.name ORDER BY min(p.reached_at) DESC`,
      );
      return {
        items: rows.map((r) => ({
          id: r.package_id,
          processId: r.process_id,
          process: r.process,
          handedOverAt: r.at,
          customers: r.customers,
          invoices: r.invoices,
        })),
      };
    }),
});

const debts = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/hand-overs/:id/debts.csv',
  operationId: 'exportHandOverDebts',
  summary: 'The debts of a hand-over package as CSV: one line per invoice, with its debtor',
  tags: ['processes'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'CSV, UTF-8 with a byte order mark' } },
  handler: async (ctx, { params }) => {
    const rows = await reading(ctx, async (tx, _tenantId, today) => {
      await packageCustomers(tx, params.id);
      const { rows: lines } = await tx.query<{
        name: string;
        tax_id: string | null;
        street: string | null;
        postal_code: string | null;
        city: string | null;
        country: string;
        email: string | null;
        phone: string | null;
        number: string;
        issue_date: string;
        due_date: string;
        currency: string;
        amount: string;
        open_amount: string;
        days_overdue: number;
      }>(
        `SELECT c.name, c.tax_id, c.street, c.postal_code, c.city, c.country,
           c.emails->>0 AS email, c.phones->>0 AS phone, i.number, i.issue_date::text,
           i.due_date::text, i.currency, (i.amount + i.corrected)::text AS amount,
           i.open_amount::text, ($2::date - i.due_date) AS days_overdue
         FROM ${PROGRESS} p
         JOIN ${INVOICES} i ON i.tenant_id = p.tenant_id AND i.invoice_id = p.invoice_id
         JOIN ${CUSTOMERS} c ON c.tenant_id = i.tenant_id AND c.customer_id = i.customer_id
         WHERE p.package_id = $1 ORDER BY c.name, i.due_date, i.number`,
        [params.id, today],
      );
      return lines;
    });
    return csv(
      ctx,
      `wierzytelnosci-${params.id}.csv`,
      [
        'debtor',
        'tax_id',
        'street',
        'postal_code',
        'city',
        'country',
        'email',
        'phone',
        'invoice',
        'issue_date',
        'due_date',
        'currency',
        'amount',
        'open_amount',
        'days_overdue',
      ],
      rows.map((r) => [
        r.name,
        r.tax_id ?? '',
        r.street ?? '',
        r.postal_code ?? '',
        r.city ?? '',
        r.country,
        r.email ?? '',
        r.phone ?? '',
        r.number,
        r.issue_date,
        r.due_date,
        r.currency,
        formatAmount(Number(r.amount), r.currency),
        formatAmount(Number(r.open_amount), r.currency),
        r.days_overdue,
      ]),
    );
  },
});

const history = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/hand-overs/:id/history.csv',
  operationId: 'exportHandOverHistory',
  summary: "Each handed-over debtor's history as CSV: the messages sent them and the notes",
  tags: ['processes'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'CSV, UTF-8 with a byte order mark' } },
  handler: async (ctx, { params }) => {
    const rows = await reading(ctx, async (tx) => {
      const customers = await packageCustomers(tx, params.id);
      const { rows: lines } = await tx.query<{
        name: string;
        at: string;
        kind: string;
        medium: string | null;
        recipient: string | null;
        content: string;
        status: string | null;
      }>(
        `SELECT c.name, h.at, h.kind, h.medium, h.recipient, h.content, h.status FROM (
           SELECT m.customer_id, to_json(m.created_at) #>> '{}' AS at, 'message' AS kind,
             m.medium, m.recipient, coalesce(m.subject, (
               -- A message without a subject (an SMS, a call): its words, from its event.
               SELECT left(e.data->>'text', 200) FROM events e
               WHERE e.tenant_id = m.tenant_id AND e.stream_id = 'message-' || m.message_id
                 AND e.type = 'MessageQueued')) AS content, m.status
           FROM ${MESSAGES} m WHERE m.customer_id = ANY($1::uuid[])
           UNION ALL
           SELECT n.customer_id, to_json(n.created_at) #>> '{}', 'note', NULL, NULL, n.text, NULL
           FROM ${NOTES} n WHERE n.customer_id = ANY($1::uuid[])) h
         JOIN ${CUSTOMERS} c ON c.customer_id = h.customer_id
         ORDER BY c.name, h.at`,
        [customers],
      );
      return lines;
    });
    return csv(
      ctx,
      `historia-${params.id}.csv`,
      ['debtor', 'at', 'kind', 'medium', 'to', 'content', 'status'],
      rows.map((r) => [
        r.name,
        r.at,
        r.kind,
        r.medium ?? '',
        r.recipient ?? '',
        r.content,
        r.status ?? '',
      ]),
    );
  },
});

export const handOverRoutes: RouteDefinition[] = [list, debts, history];
