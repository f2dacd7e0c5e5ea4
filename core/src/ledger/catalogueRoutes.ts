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

/** What the catalogue's list and remove routes need to know of one kind of entry. */
interface Kind {
  /** Path segment and OpenAPI words: `categories`, "category". */
  path: string;
  one: string;
  many: string;
  /** The entry in plain words: "aging scheme". */
  noun: string;
  removed: string;
  idKey: 'categoryId' | 'attributeId' | 'schemeId';
  entries: (catalogue: Catalogue) => Map<string, { name: string }>;
  /** Read first when listing, e.g. the default aging scheme. */
  ordered?: boolean;
  canRemove?: (id: string) => void;
  extra?: (id: string) => Record<string, unknown>;
}

function listRoute(kind: Kind): RouteDefinition {
  return defineRoute({
    method: 'GET',
    path: `/api/${kind.path}`,
    operationId: `list${kind.many}`,
    summary: `The tenant's ${kind.path.replace('-', ' ')}`,
    tags: ['catalogue'],
    access: 'ledger.read',
    responses: { 200: { description: `${kind.many} by name` } },
    handler: (ctx) =>
      reading(ctx, (c) => {
        const entries = [...kind.entries(c).values()] as ({ name: string } & Record<
          string,
          unknown
        >)[];
        if (!kind.ordered) entries.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
        return {
          items: entries.map(({ [kind.idKey]: id, ...rest }) => ({
            id,
            ...rest,
            ...kind.extra?.(id as string),
          })),
        };
      }),
  });
}

function removeRoute(kind: Kind): RouteDefinition {
  return defineRoute<{ id: string }>({
    method: 'DELETE',
    path: `/api/${kind.path}/:id`,
    operationId: `remove${kind.one}`,
    summary: `Remove a ${kind.noun}`,
    tags: ['catalogue'],
    access: 'ledger.configure',
    params: idParams,
    responses: { 204: { description: 'Removed' } },
    handler: async (ctx, { params }) => {
      await changing(ctx, (c) => {
        if (!kind.entries(c).has(params.id)) throw new NotFoundError(`No such ${kind.noun}`);
        kind.canRemove?.(params.id);
        return { events: [{ type: kind.removed, data: { [kind.idKey]: params.id } }], result: 0 };
      });
      ctx.status = 204;
      return undefined;
    },
  });
}

const CATEGORIES: Kind = {
  path: 'categories',
  one: 'Category',
  many: 'Categories',
  noun: 'category',
  removed: 'CategoryRemoved',
  idKey: 'categoryId',
  entries: (c) => c.categories,
};
const ATTRIBUTES: Kind = {
  path: 'attributes',
  one: 'Attribute',
  many: 'Attributes',
  noun: 'attribute',
  removed: 'AttributeRemoved',
  idKey: 'attributeId',
  entries: (c) => c.attributes,
};

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

const ATTRIBUTE_TYPES: AttributeType[] = ['text', 'number', 'boolean', 'choice'];

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

const SCHEMES: Kind = {
  path: 'aging-schemes',
  one: 'AgingScheme',
  many: 'AgingSchemes',
  noun: 'aging scheme',
  removed: 'AgingSchemeRemoved',
  idKey: 'schemeId',
  entries: (c) => c.schemes,
  ordered: true,
  canRemove: (id) => notBuiltIn(id),
  extra: (id) => ({ builtIn: id === DEFAULT_AGING_SCHEME.schemeId }),
};

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

export const catalogueRoutes: RouteDefinition[] = [
  listRoute(CATEGORIES),
  defineCategory,
  changeCategory,
  removeRoute(CATEGORIES),
  listRoute(ATTRIBUTES),
  defineAttribute,
  removeRoute(ATTRIBUTES),
  listRoute(SCHEMES),
  defineScheme,
  changeScheme,
  removeRoute(SCHEMES),
];
