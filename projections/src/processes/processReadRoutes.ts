import {
  defineRoute,
  inPrincipalTenant,
  NotFoundError,
  type JsonSchema,
  type ProcessDefinition,
  type RouteDefinition,
} from '@monity/core';
import { PROCESSES } from './processProjection.ts';

interface ProcessRow {
  process_id: string;
  version: number;
  active: boolean;
  definition: ProcessDefinition;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `process_id, version, active, definition,
  to_json(created_at) #>> '{}' AS created_at, to_json(updated_at) #>> '{}' AS updated_at`;

const toProcess = (row: ProcessRow) => ({
  id: row.process_id,
  ...row.definition,
  version: row.version,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const list = defineRoute({
  method: 'GET',
  path: '/api/processes',
  operationId: 'listProcesses',
  summary: "The company's collection processes by name",
  tags: ['processes'],
  access: 'ledger.read',
  responses: { 200: { description: 'Processes by name' } },
  handler: (ctx) =>
    inPrincipalTenant(ctx, async (tx) => {
      const { rows } = await tx.query<ProcessRow>(
        `SELECT ${COLUMNS} FROM ${PROCESSES} ORDER BY lower(name), process_id`,
      );
      return { items: rows.map(toProcess) };
    }),
});

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

const show = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/processes/:id',
  operationId: 'getProcess',
  summary: 'A collection process at its current version',
  tags: ['processes'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The process' } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx) => {
      const { rows } = await tx.query<ProcessRow>(
        `SELECT ${COLUMNS} FROM ${PROCESSES} WHERE process_id = $1`,
        [params.id],
      );
      if (!rows[0]) throw new NotFoundError('No such process');
      return toProcess(rows[0]);
    }),
});

export const processReadRoutes: RouteDefinition[] = [list, show];
