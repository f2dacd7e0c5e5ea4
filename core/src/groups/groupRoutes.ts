import { v4 as uuidv4 } from 'uuid';
import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { foldStream } from '../database/streamEvents.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import type { Catalogue } from '../ledger/catalogue.ts';
import { readCatalogue } from '../ledger/readCatalogue.ts';
import { evolveGroup, type CollectionGroup } from './collectionGroup.ts';
import { validateCriteria, type CriteriaNode, type GroupSelection } from './criteria.ts';
import { groupStream } from './groupEvents.ts';

interface GroupBody extends GroupSelection {
  name: string;
  expectedVersion?: number;
}

const selectionProperties = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  // Checked by validateCriteria, which measures the depth before any schema walks it.
  criteria: { type: 'object' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  includeExcluded: { type: 'boolean', default: false },
} as const;

const createBody: JsonSchema<GroupBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'criteria'],
  properties: selectionProperties,
};
const changeBody: JsonSchema<GroupBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'criteria', 'expectedVersion'],
  properties: { ...selectionProperties, expectedVersion: { type: 'integer', minimum: 1 } },
};
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

/** Reads a group's stream; `undefined` when it never existed or was removed. */
async function readGroup(tx: TenantTransaction, tenantId: string, groupId: string) {
  const group = await foldStream(tx, tenantId, groupStream(groupId), evolveGroup);
  return group?.removed ? undefined : group;
}

const toGroupView = ({ removed: _removed, ...group }: CollectionGroup) => group;

/**
 * The aging schemes, attributes and categories the criteria name must exist, so a saved group
 * never points at nothing. (One removed later makes the group's preview say so.)
 */
function checkReferences(node: CriteriaNode, catalogue: Catalogue, at: string) {
  const errors: FieldError[] = [];
  const stack: [CriteriaNode, string][] = [[node, at]];
  while (stack.length > 0) {
    const [current, pointer] = stack.pop()!;
    if ('and' in current) current.and.forEach((n, i) => stack.push([n, `${pointer}/and/${i}`]));
    else if ('or' in current) current.or.forEach((n, i) => stack.push([n, `${pointer}/or/${i}`]));
    else if ('not' in current) stack.push([current.not, `${pointer}/not`]);
    else if (current.field === 'agingBucket') {
      const scheme = catalogue.schemes.get(current.value.schemeId);
      if (!scheme) errors.push({ pointer: `${pointer}/value/schemeId`, message: 'no such scheme' });
      current.value.buckets.forEach((label, i) => {
        if (scheme && !scheme.buckets.some((b) => b.label === label)) {
          errors.push({ pointer: `${pointer}/value/buckets/${i}`, message: 'no such bucket' });
        }
      });
    } else if (current.field === 'attribute' && !catalogue.attributes.has(current.attributeId)) {
      errors.push({ pointer: `${pointer}/attributeId`, message: 'no such attribute' });
    } else if (current.field === 'category') {
      current.value.forEach((id, i) => {
        if (!catalogue.categories.has(id)) {
          errors.push({ pointer: `${pointer}/value/${i}`, message: 'no such category' });
        }
      });
    }
  }
  if (errors.length > 0) throw new ValidationError('The criteria name unknown things.', errors);
}

async function checkedSelection(tx: TenantTransaction, tenantId: string, body: GroupBody) {
  const criteria = validateCriteria(body.criteria, '/body/criteria');
  checkReferences(criteria, await readCatalogue(tx, tenantId), '/body/criteria');
  return {
    name: body.name.trim(),
    criteria,
    ...(body.currency ? { currency: body.currency } : {}),
    includeExcluded: body.includeExcluded ?? false,
  };
}

function saving(ctx: HttpContext, groupId: string, body: GroupBody, expectedVersion: number) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const current = await readGroup(tx, tenantId, groupId);
    if (expectedVersion > 0 && !current) throw new NotFoundError('No such group');
    if (current && current.version !== expectedVersion) {
      throw new ConflictError(
        'version_conflict',
        `The group was saved meanwhile: it is at version ${current.version}, ` +
          `not ${expectedVersion}.`,
      );
    }
    const selection = await checkedSelection(tx, tenantId, body);
    const type = current ? 'GroupChanged' : 'GroupDefined';
    await tx.append(
      groupStream(groupId),
      [eventOf(commandContextOf(ctx), tenantId, type, { groupId, ...selection })],
      expectedVersion === 0 ? 'no_stream' : expectedVersion,
    );
    return toGroupView((await readGroup(tx, tenantId, groupId))!);
  });
}

const createGroup = defineRoute<unknown, unknown, GroupBody>({
  method: 'POST',
  path: '/api/groups',
  operationId: 'createGroup',
  summary: 'Saves a new collection group: a name and the criteria choosing its customers',
  tags: ['groups'],
  access: 'ledger.write',
  body: createBody,
  responses: { 201: { description: 'The group, at version 1' } },
  handler: async (ctx, { body }) => {
    ctx.status = 201;
    return saving(ctx, uuidv4(), body, 0);
  },
});

const changeGroup = defineRoute<{ id: string }, unknown, GroupBody>({
  method: 'PUT',
  path: '/api/groups/:id',
  operationId: 'changeGroup',
  summary: "Saves a new version of a group's name and criteria",
  tags: ['groups'],
  access: 'ledger.write',
  params: idParams,
  body: changeBody,
  responses: { 200: { description: 'The group at its new version' } },
  handler: (ctx, { params, body }) => saving(ctx, params.id, body, body.expectedVersion!),
});

const removeGroup = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/groups/:id',
  operationId: 'removeGroup',
  summary: 'Removes a group; its versions stay in the event history',
  tags: ['groups'],
  access: 'ledger.write',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const current = await readGroup(tx, tenantId, params.id);
      if (!current) throw new NotFoundError('No such group');
      await tx.append(
        groupStream(params.id),
        [eventOf(commandContextOf(ctx), tenantId, 'GroupRemoved', { groupId: params.id })],
        current.version,
      );
      ctx.status = 204;
    }),
});

export const groupRoutes: RouteDefinition[] = [createGroup, changeGroup, removeGroup];
