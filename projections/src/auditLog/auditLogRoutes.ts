import {
  accessEventTypes,
  defineRoute,
  inPrincipalTenant,
  type HttpContext,
  type JsonSchema,
  type RouteDefinition,
} from '@monity/core';
import { stringify } from 'csv-stringify/sync';
import { readAuditLog, type AuditEntry, type AuditLogFilter } from './auditLogQuery.ts';

const date = { type: 'string', format: 'date' } as const;
const filterProperties = {
  actorId: { type: 'string', maxLength: 200 },
  action: { type: 'string', maxLength: 100 },
  from: date,
  to: date,
};

type PageQuery = AuditLogFilter & { after?: string; limit: number };

const pageQuery: JsonSchema<PageQuery> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    after: { type: 'string', pattern: '^\\d+:\\d+$' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
};

/** Rows per CSV export; a larger export is cut, and says so in its last line. */
const CSV_LIMIT = 100_000;

function read(ctx: HttpContext, query: PageQuery) {
  return inPrincipalTenant(ctx, (tx, tenantId) => readAuditLog(tx, tenantId, query));
}

export function auditLogRoutes(): RouteDefinition[] {
  const list = defineRoute<unknown, PageQuery>({
    method: 'GET',
    path: '/api/audit-log',
    operationId: 'listAuditLog',
    summary: 'Who did what and when, newest first',
    tags: ['audit'],
    access: 'audit.read',
    query: pageQuery,
    responses: { 200: { description: 'One page of entries and the cursor of the next' } },
    handler: (ctx, { query }) => read(ctx, query),
  });

  const actions = defineRoute({
    method: 'GET',
    path: '/api/audit-log/actions',
    operationId: 'listAuditActions',
    summary: 'The kinds of action the audit log records',
    tags: ['audit'],
    access: 'audit.read',
    responses: { 200: { description: 'Action names' } },
    handler: () => ({ actions: accessEventTypes.map((definition) => definition.type) }),
  });

  const csv = defineRoute<unknown, AuditLogFilter>({
    method: 'GET',
    path: '/api/audit-log.csv',
    operationId: 'exportAuditLog',
    summary: 'The audit log as CSV, with the same filters',
    tags: ['audit'],
    access: 'audit.read',
    query: { type: 'object', additionalProperties: false, properties: filterProperties },
    responses: { 200: { description: 'text/csv, one line per entry' } },
    handler: async (ctx, { query }) => {
      const { entries, next } = await read(ctx, { ...query, limit: CSV_LIMIT });
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment('audit-log.csv');
      return csvOf(entries, next !== null);
    },
  });

  return [list, actions, csv];
}

function csvOf(entries: AuditEntry[], cut: boolean): string {
  const rows = entries.map((e) => [
    e.occurredAt,
    e.actor.kind,
    e.actor.id,
    e.actor.name,
    e.action,
    e.summary,
    e.requestId ?? '',
    e.ip ?? '',
  ]);
  if (cut) rows.push([`cut at ${CSV_LIMIT} rows: narrow the filter`]);
  const header = [
    'occurred_at',
    'actor_kind',
    'actor_id',
    'actor',
    'action',
    'summary',
    'request_id',
    'ip',
  ];
  // The byte-order mark lets spreadsheet programs read Polish letters as UTF-8.
  return `\uFEFF${stringify([header, ...rows])}`;
}
