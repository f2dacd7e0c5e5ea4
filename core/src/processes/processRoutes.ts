import { v4 as uuidv4 } from 'uuid';
import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { foldStream, readStreamEvents } from '../database/streamEvents.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { groupStream } from '../groups/groupEvents.ts';
import { evolveTemplate } from '../templates/messageTemplate.ts';
import { templateStream } from '../templates/templateEvents.ts';
import { evolveProcess, type CollectionProcess } from './collectionProcess.ts';
import { validateProcess, type ProcessDefinition } from './processDefinition.ts';
import { processStream } from './processEvents.ts';

async function readProcess(tx: TenantTransaction, tenantId: string, processId: string) {
  const process = await foldStream(tx, tenantId, processStream(processId), evolveProcess);
  return process?.removed ? undefined : process;
}

const toView = ({ removed: _gone, ...process }: CollectionProcess) => process;

/**
 * Every group a step names must exist, and every template must exist and be of the medium
 * its channel sends, so a started process never points at nothing.
 */
async function checkReferences(
  tx: TenantTransaction,
  tenantId: string,
  process: ProcessDefinition,
) {
  const errors: FieldError[] = [];
  for (const [i, step] of process.steps.entries()) {
    const at = `/body/steps/${i}`;
    if ('groupId' in step.selection) {
      const group = await readStreamEvents(tx, tenantId, groupStream(step.selection.groupId));
      if (group.length === 0 || group.at(-1)!.type === 'GroupRemoved') {
        errors.push({ pointer: `${at}/selection/groupId`, message: 'no such group' });
      }
    }
    for (const [j, channel] of step.channels.entries()) {
      const template = await foldStream(
        tx,
        tenantId,
        templateStream(channel.templateId),
        evolveTemplate,
      );
      if (!template || template.removed) {
        errors.push({ pointer: `${at}/channels/${j}/templateId`, message: 'no such template' });
      } else if (template.medium !== channel.medium) {
        errors.push({
          pointer: `${at}/channels/${j}/templateId`,
          message: `is a template for ${template.medium}, not ${channel.medium}`,
        });
      }
    }
  }
  if (errors.length > 0) throw new ValidationError('The process names unknown things.', errors);
}

function changing(
  ctx: HttpContext,
  processId: string,
  expectedVersion: number,
  decide: (process: CollectionProcess | undefined) => { type: string; data: object } | undefined,
  check?: (tx: TenantTransaction, tenantId: string) => Promise<void>,
) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const current = await readProcess(tx, tenantId, processId);
    if (expectedVersion > 0 && !current) throw new NotFoundError('No such process');
    if (current && current.version !== expectedVersion) {
      throw new ConflictError(
        'version_conflict',
        `The process was saved meanwhile: it is at version ${current.version}, ` +
          `not ${expectedVersion}.`,
      );
    }
    await check?.(tx, tenantId);
    const event = decide(current);
    if (event) {
      await tx.append(
        processStream(processId),
        [eventOf(commandContextOf(ctx), tenantId, event.type, { processId, ...event.data })],
        expectedVersion === 0 ? 'no_stream' : expectedVersion,
      );
    }
    const after = await readProcess(tx, tenantId, processId);
    return after && toView(after);
  });
}

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};
// The definition is checked by validateProcess, which addresses nested documents itself.
const definitionBody = { type: 'object' } as JsonSchema<Record<string, unknown>>;
const versionBody: JsonSchema<{ expectedVersion: number }> = {
  type: 'object',
  additionalProperties: false,
  required: ['expectedVersion'],
  properties: { expectedVersion: { type: 'integer', minimum: 1 } },
};

const createProcess = defineRoute<unknown, unknown, Record<string, unknown>>({
  method: 'POST',
  path: '/api/processes',
  operationId: 'createProcess',
  summary: 'Saves a new collection process, stopped until it is started',
  tags: ['processes'],
  access: 'ledger.configure',
  body: definitionBody,
  responses: { 201: { description: 'The process at version 1' } },
  handler: async (ctx, { body }) => {
    const definition = validateProcess(body, '/body');
    const process = await changing(
      ctx,
      uuidv4(),
      0,
      () => ({ type: 'ProcessDefined', data: definition }),
      (tx, tenantId) => checkReferences(tx, tenantId, definition),
    );
    ctx.status = 201;
    return process;
  },
});

const changeProcess = defineRoute<{ id: string }, unknown, Record<string, unknown>>({
  method: 'PUT',
  path: '/api/processes/:id',
  operationId: 'changeProcess',
  summary: "Saves a new version of a process's steps, timing, channels and window",
  tags: ['processes'],
  access: 'ledger.configure',
  params: idParams,
  body: definitionBody,
  responses: { 200: { description: 'The process at its new version' } },
  handler: (ctx, { params, body }) => {
    const { expectedVersion, ...rest } = body;
    if (!Number.isInteger(expectedVersion)) {
      throw new ValidationError('The version read is needed', [
        { pointer: '/body/expectedVersion', message: 'is required' },
      ]);
    }
    const definition = validateProcess(rest, '/body');
    return changing(
      ctx,
      params.id,
      expectedVersion as number,
      () => ({ type: 'ProcessChanged', data: definition }),
      (tx, tenantId) => checkReferences(tx, tenantId, definition),
    );
  },
});

function stateRoute(name: 'start' | 'stop', type: string, summary: string) {
  return defineRoute<{ id: string }, unknown, { expectedVersion: number }>({
    method: 'POST',
    path: `/api/processes/:id/${name}`,
    operationId: `${name}Process`,
    summary,
    tags: ['processes'],
    access: 'ledger.configure',
    params: idParams,
    body: versionBody,
    responses: { 200: { description: 'The process' } },
    handler: (ctx, { params, body }) =>
      changing(ctx, params.id, body.expectedVersion, (process) =>
        process && process.active === (name === 'stop') ? { type, data: {} } : undefined,
      ),
  });
}

const removeProcess = defineRoute<{ id: string }, { expectedVersion: number }>({
  method: 'DELETE',
  path: '/api/processes/:id',
  operationId: 'removeProcess',
  summary: 'Removes a process; its versions and what it sent stay in the history',
  tags: ['processes'],
  access: 'ledger.configure',
  params: idParams,
  query: versionBody,
  responses: { 204: { description: 'Removed' } },
  handler: async (ctx, { params, query }) => {
    await changing(ctx, params.id, query.expectedVersion, () => ({
      type: 'ProcessRemoved',
      data: {},
    }));
    ctx.status = 204;
  },
});

export const processRoutes: RouteDefinition[] = [
  createProcess,
  changeProcess,
  stateRoute('start', 'ProcessStarted', 'Starts a process: the scheduler runs its steps'),
  stateRoute('stop', 'ProcessStopped', 'Stops a process: nothing more is scheduled by it'),
  removeProcess,
];
