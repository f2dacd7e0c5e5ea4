import { v4 as uuidv4 } from 'uuid';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { onCatalogue } from './accountCommands.ts';
import {
  DEFAULT_AGING_SCHEME,
  findByName,
  type AgingBucket,
  type AttributeType,
  type Catalogue,
} from './catalogue.ts';
import { readCatalogue } from './readCatalogue.ts';

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
const colour = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } as const;
const bound = { anyOf: [{ type: 'integer', minimum: -3650, maximum: 36500 }, { type: 'null' }] };
const bucketsSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 30,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['label', 'from', 'to'],
    properties: { label: name, from: bound, to: bound },
  },
};

function changing<T>(ctx: HttpContext, decide: Parameters<typeof onCatalogue<T>>[3]) {
  return inPrincipalTenant(ctx, (tx, tenantId) =>
    onCatalogue(tx, commandContextOf(ctx), tenantId, decide),
  );
}

function reading<T>(ctx: HttpContext, read: (catalogue: Catalogue) => T) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => read(await readCatalogue(tx, tenantId)));
}

function nameTaken(items: Map<string, { name: string }>, wanted: string, except?: string) {
  const found = findByName(items, wanted) as { name: string; [key: string]: unknown } | undefined;
  const id = found && (found.categoryId ?? found.attributeId ?? found.schemeId);
  if (found && id !== except)
    throw new ConflictError('name_taken', `"${found.name}" exists already`);
}

const listCategories = defineRoute({
  method: 'GET',
  path: '/api/categories',
  operationId: 'listCategories',
  summary: "The tenant's customer categories",
  tags: ['catalogue'],
  access: 'ledger.read',
  responses: { 200: { description: 'Categories by name' } },
  handler: (ctx) =>
    reading(ctx, (c) => ({
      items: [...c.categories.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'pl'))
        .map(({ categoryId, ...rest }) => ({ id: categoryId, ...rest })),
    })),
});

const defineCategory = defineRoute<unknown, unknown, { name: string; colour: string }>({
  method: 'POST',
  path: '/api/categories',
  operationId: 'defineCategory',
  summary: 'Define a customer category',
  tags: ['catalogue'],
  access: 'ledger.configure',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'colour'],
    properties: { name, colour },
  },
  responses: { 201: { description: 'The category' } },
  handler: async (ctx, { body }) => {
    const category = {
      categoryId: uuidv4(),
      name: body.name.trim(),
      colour: body.colour.toLowerCase(),
    };
    await changing(ctx, (c) => {
      nameTaken(c.categories, category.name);
      return { events: [{ type: 'CategoryDefined', data: category }], result: undefined };
    });
    ctx.status = 201;
    const { categoryId, ...rest } = category;
    return { id: categoryId, ...rest };
  },
});

const changeCategory = defineRoute<{ id: string }, unknown, { name?: string; colour?: string }>({
  method: 'PATCH',
  path: '/api/categories/:id',
  operationId: 'changeCategory',
  summary: 'Rename or recolour a category',
  tags: ['catalogue'],
  access: 'ledger.configure',
  params: idParams,
  body: { type: 'object', additionalProperties: false, properties: { name, colour } },
  responses: { 200: { description: 'The category' } },
  handler: (ctx, { params, body }) =>
    changing(ctx, (c) => {
      const current = c.categories.get(params.id);
      if (!current) throw new NotFoundError('No such category');
      if (body.name) nameTaken(c.categories, body.name, params.id);
      const data = {
        categoryId: params.id,
        name: body.name?.trim() ?? current.name,
        colour: body.colour?.toLowerCase() ?? current.colour,
      };
      const { categoryId, ...rest } = data;
      return { events: [{ type: 'CategoryChanged', data }], result: { id: categoryId, ...rest } };
    }),
});

const removeCategory = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/categories/:id',
  operationId: 'removeCategory',
  summary: 'Remove a category; customers keep no trace of it in lists',
  tags: ['catalogue'],
  access: 'ledger.configure',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: async (ctx, { params }) => {
    await changing(ctx, (c) => {
      if (!c.categories.has(params.id)) throw new NotFoundError('No such category');
      return { events: [{ type: 'CategoryRemoved', data: { categoryId: params.id } }], result: 0 };
    });
    ctx.status = 204;
    return undefined;
  },
});

const ATTRIBUTE_TYPES: AttributeType[] = ['text', 'number', 'boolean', 'choice'];

const listAttributes = defineRoute({
  method: 'GET',
  path: '/api/attributes',
  operationId: 'listAttributes',
  summary: "The tenant's typed customer attributes",
  tags: ['catalogue'],
  access: 'ledger.read',
  responses: { 200: { description: 'Attributes by name' } },
  handler: (ctx) =>
    reading(ctx, (c) => ({
      items: [...c.attributes.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'pl'))
        .map(({ attributeId, ...rest }) => ({ id: attributeId, ...rest })),
    })),
});

const defineAttribute = defineRoute<
  unknown,
  unknown,
  { name: string; type: AttributeType; choices?: string[] }
>({
  method: 'POST',
  path: '/api/attributes',
  operationId: 'defineAttribute',
  summary: 'Define a typed customer attribute: text, number, yes/no or a choice',
  tags: ['catalogue'],
  access: 'ledger.configure',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'type'],
    properties: {
      name,
      type: { enum: ATTRIBUTE_TYPES },
      choices: { type: 'array', maxItems: 100, uniqueItems: true, items: name },
    },
  },
  responses: { 201: { description: 'The attribute' } },
  handler: async (ctx, { body }) => {
    if (body.type === 'choice' && !body.choices?.length) {
      throw new ValidationError('A choice attribute needs its choices', [
        { pointer: '/body/choices', message: 'must list at least one choice' },
      ]);
    }
    const attribute = {
      attributeId: uuidv4(),
      name: body.name.trim(),
      type: body.type,
      ...(body.type === 'choice' ? { choices: body.choices!.map((c) => c.trim()) } : {}),
    };
    await changing(ctx, (c) => {
      nameTaken(c.attributes, attribute.name);
      return { events: [{ type: 'AttributeDefined', data: attribute }], result: 0 };
    });
    ctx.status = 201;
    const { attributeId, ...rest } = attribute;
    return { id: attributeId, ...rest };
  },
});

const removeAttribute = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/attributes/:id',
  operationId: 'removeAttribute',
  summary: 'Remove an attribute',
  tags: ['catalogue'],
  access: 'ledger.configure',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: async (ctx, { params }) => {
    await changing(ctx, (c) => {
      if (!c.attributes.has(params.id)) throw new NotFoundError('No such attribute');
      return {
        events: [{ type: 'AttributeRemoved', data: { attributeId: params.id } }],
        result: 0,
      };
    });
    ctx.status = 204;
    return undefined;
  },
});

/** Buckets must not overlap, and open ends only at the extremes. */
function checkBuckets(buckets: AgingBucket[]): FieldError[] {
  const errors: FieldError[] = [];
  buckets.forEach((bucket, i) => {
    const pointer = `/body/buckets/${i}`;
    if (bucket.from !== null && bucket.to !== null && bucket.from > bucket.to) {
      errors.push({ pointer: `${pointer}/to`, message: 'must not be below `from`' });
    }
    if (bucket.from === null && i > 0)
      errors.push({ pointer: `${pointer}/from`, message: 'only the first bucket is open below' });
    if (bucket.to === null && i < buckets.length - 1)
      errors.push({ pointer: `${pointer}/to`, message: 'only the last bucket is open above' });
    const previous = buckets[i - 1];
    if (previous && previous.to !== null && bucket.from !== null && bucket.from <= previous.to) {
      errors.push({ pointer: `${pointer}/from`, message: 'must start after the bucket before it' });
    }
  });
  return errors;
}

interface SchemeBody {
  name: string;
  buckets: AgingBucket[];
}
const schemeBody: JsonSchema<SchemeBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'buckets'],
  properties: { name, buckets: bucketsSchema },
};

function checkedScheme(body: SchemeBody) {
  const errors = checkBuckets(body.buckets);
  if (errors.length > 0) throw new ValidationError('The buckets do not fit together', errors);
  return {
    name: body.name.trim(),
    buckets: body.buckets.map((b) => ({ ...b, label: b.label.trim() })),
  };
}

const listSchemes = defineRoute({
  method: 'GET',
  path: '/api/aging-schemes',
  operationId: 'listAgingSchemes',
  summary: 'Aging schemes, the default first',
  tags: ['catalogue'],
  access: 'ledger.read',
  responses: { 200: { description: 'Schemes with their buckets' } },
  handler: (ctx) =>
    reading(ctx, (c) => ({
      items: [...c.schemes.values()].map(({ schemeId, ...rest }) => ({
        id: schemeId,
        ...rest,
        builtIn: schemeId === DEFAULT_AGING_SCHEME.schemeId,
      })),
    })),
});

const defineScheme = defineRoute<unknown, unknown, SchemeBody>({
  method: 'POST',
  path: '/api/aging-schemes',
  operationId: 'defineAgingScheme',
  summary: 'Define an aging scheme: buckets of days after the due date',
  tags: ['catalogue'],
  access: 'ledger.configure',
  body: schemeBody,
  responses: { 201: { description: 'The scheme' } },
  handler: async (ctx, { body }) => {
    const scheme = { schemeId: uuidv4(), ...checkedScheme(body) };
    await changing(ctx, (c) => {
      nameTaken(c.schemes, scheme.name);
      return { events: [{ type: 'AgingSchemeDefined', data: scheme }], result: 0 };
    });
    ctx.status = 201;
    const { schemeId, ...rest } = scheme;
    return { id: schemeId, ...rest, builtIn: false };
  },
});

function notBuiltIn(id: string) {
  if (id === DEFAULT_AGING_SCHEME.schemeId) {
    throw new ConflictError(
      'scheme_built_in',
      'The default scheme cannot be changed; define your own',
    );
  }
}

const changeScheme = defineRoute<{ id: string }, unknown, SchemeBody>({
  method: 'PUT',
  path: '/api/aging-schemes/:id',
  operationId: 'changeAgingScheme',
  summary: "Replace an aging scheme's name and buckets",
  tags: ['catalogue'],
  access: 'ledger.configure',
  params: idParams,
  body: schemeBody,
  responses: { 200: { description: 'The scheme' } },
  handler: (ctx, { params, body }) =>
    changing(ctx, (c) => {
      if (!c.schemes.has(params.id)) throw new NotFoundError('No such aging scheme');
      notBuiltIn(params.id);
      const scheme = checkedScheme(body);
      nameTaken(c.schemes, scheme.name, params.id);
      return {
        events: [{ type: 'AgingSchemeChanged', data: { schemeId: params.id, ...scheme } }],
        result: { id: params.id, ...scheme, builtIn: false },
      };
    }),
});

const removeScheme = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/aging-schemes/:id',
  operationId: 'removeAgingScheme',
  summary: 'Remove an aging scheme',
  tags: ['catalogue'],
  access: 'ledger.configure',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: async (ctx, { params }) => {
    await changing(ctx, (c) => {
      if (!c.schemes.has(params.id)) throw new NotFoundError('No such aging scheme');
      notBuiltIn(params.id);
      return { events: [{ type: 'AgingSchemeRemoved', data: { schemeId: params.id } }], result: 0 };
    });
    ctx.status = 204;
    return undefined;
  },
});

export const catalogueRoutes: RouteDefinition[] = [
  listCategories,
  defineCategory,
  changeCategory,
  removeCategory,
  listAttributes,
  defineAttribute,
  removeAttribute,
  listSchemes,
  defineScheme,
  changeScheme,
  removeScheme,
];
