import { v4 as uuidv4 } from 'uuid';
import { commandContextOf, inPrincipalTenant, principalOf } from '../access/requestContext.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { onCustomerAccount } from './accountCommands.ts';
import { emptyCatalogue, readAttributeValue } from './catalogue.ts';
import type { CustomerAccount } from './customerAccount.ts';
import { decideRecord, type PendingEvent } from './decideRecords.ts';
import type { CustomerRecord } from './importRecords.ts';
import { readCatalogue } from './readCatalogue.ts';
import { customerChangesSchema } from './recordSchemas.ts';
import { validateCustomer } from './validateRecords.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: uuid },
};
const noteText = { type: 'string', minLength: 1, maxLength: 10000 } as const;

type Decide<T> = (account: CustomerAccount) => { events: PendingEvent[]; result: T };

function onAccount<T>(ctx: HttpContext, customerId: string, decide: Decide<T>) {
  return inPrincipalTenant(ctx, (tx, tenantId) =>
    onCustomerAccount(tx, commandContextOf(ctx), tenantId, customerId, decide),
  );
}

const setCategories = defineRoute<{ id: string }, unknown, { categoryIds: string[] }>({
  method: 'PUT',
  path: '/api/customers/:id/categories',
  operationId: 'setCustomerCategories',
  summary: "Set the customer's categories, the whole set",
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['categoryIds'],
    properties: { categoryIds: { type: 'array', maxItems: 100, uniqueItems: true, items: uuid } },
  },
  responses: { 200: { description: 'The categories set' } },
  handler: (ctx, { params, body }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const catalogue = await readCatalogue(tx, tenantId);
      const unknown = body.categoryIds.findIndex((id) => !catalogue.categories.has(id));
      if (unknown >= 0) {
        throw new ValidationError('No such category', [
          { pointer: `/body/categoryIds/${unknown}`, message: 'is not a category of yours' },
        ]);
      }
      return onCustomerAccount(tx, commandContextOf(ctx), tenantId, params.id, (account) => {
        const same = [...account.categoryIds].sort().join() === [...body.categoryIds].sort().join();
        const data = { customerId: params.id, categoryIds: body.categoryIds };
        return {
          events: same ? [] : [{ type: 'CustomerCategorised', data }],
          result: { categoryIds: body.categoryIds },
        };
      });
    }),
});

const setAttribute = defineRoute<{ id: string; attributeId: string }, unknown, { value: string }>({
  method: 'PUT',
  path: '/api/customers/:id/attributes/:attributeId',
  operationId: 'setCustomerAttribute',
  summary: "Set one of the customer's attributes, read by the attribute's type",
  tags: ['ledger'],
  access: 'ledger.write',
  params: {
    type: 'object',
    required: ['id', 'attributeId'],
    properties: { id: uuid, attributeId: uuid },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['value'],
    properties: { value: { type: 'string', maxLength: 500 } },
  },
  responses: { 200: { description: 'The value as stored' } },
  handler: (ctx, { params, body }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const attribute = (await readCatalogue(tx, tenantId)).attributes.get(params.attributeId);
      if (!attribute) throw new NotFoundError('No such attribute');
      const read = readAttributeValue(attribute, body.value);
      if (!read.ok) {
        throw new ValidationError('Not a value of this attribute', [
          { pointer: '/body/value', message: read.problem },
        ]);
      }
      return onCustomerAccount(tx, commandContextOf(ctx), tenantId, params.id, (account) => {
        const same = (account.attributes.get(params.attributeId) ?? null) === read.value;
        const data = { customerId: params.id, attributeId: params.attributeId, value: read.value };
        return {
          events: same ? [] : [{ type: 'CustomerAttributeSet', data }],
          result: { value: read.value },
        };
      });
    }),
});

const setExclusion = defineRoute<{ id: string }, unknown, { excluded: boolean; reason?: string }>({
  method: 'POST',
  path: '/api/customers/:id/exclusion',
  operationId: 'setCustomerExclusion',
  summary: 'Take the customer out of collection, or return it',
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['excluded'],
    properties: { excluded: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 } },
  },
  responses: { 200: { description: 'Whether the customer is excluded now' } },
  handler: (ctx, { params, body }) =>
    onAccount(ctx, params.id, (account) => {
      if (account.excluded === body.excluded)
        return { events: [], result: { excluded: body.excluded } };
      const reason = body.reason?.trim();
      const event = body.excluded
        ? {
            type: 'CustomerExcludedFromCollection',
            data: { customerId: params.id, ...(reason ? { reason } : {}) },
          }
        : { type: 'CustomerReturnedToCollection', data: { customerId: params.id } };
      return { events: [event], result: { excluded: body.excluded } };
    }),
});

/** Notes are a person's words: only people write them, and only their author changes them. */
function authorOf(ctx: HttpContext): string {
  const principal = principalOf(ctx);
  if (principal.kind !== 'user')
    throw new ForbiddenError('Notes are written by people, not API keys');
  return principal.id;
}

const addNote = defineRoute<{ id: string }, unknown, { text: string; invoiceId?: string }>({
  method: 'POST',
  path: '/api/customers/:id/notes',
  operationId: 'addNote',
  summary: 'Add a note on the customer or one of its invoices, seen by the whole team',
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: noteText, invoiceId: uuid },
  },
  responses: { 201: { description: 'The note' } },
  handler: async (ctx, { params, body }) => {
    const authorId = authorOf(ctx);
    const noteId = uuidv4();
    const note = await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const added = await onCustomerAccount(
        tx,
        commandContextOf(ctx),
        tenantId,
        params.id,
        (account) => {
          if (body.invoiceId && !account.invoices.has(body.invoiceId)) {
            throw new ValidationError('No such invoice', [
              { pointer: '/body/invoiceId', message: "is not one of the customer's invoices" },
            ]);
          }
          const data = {
            noteId,
            authorId,
            text: body.text.trim(),
            ...(body.invoiceId ? { invoiceId: body.invoiceId } : {}),
          };
          return { events: [{ type: 'NoteAdded', data }], result: data };
        },
      );
      await tx.query(
        `INSERT INTO ledger_keys (tenant_id, kind, source_id, customer_id)
         VALUES ($1, 'note', $2, $3)`,
        [tenantId, noteId, params.id],
      );
      return added;
    });
    ctx.status = 201;
    return { id: noteId, invoiceId: note.invoiceId ?? null, authorId, text: note.text };
  },
});

/** Finds the account holding a note, then lets its author change it. */
function onNote<T>(ctx: HttpContext, noteId: string, decide: Decide<T>) {
  const authorId = authorOf(ctx);
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query<{ customer_id: string }>(
      `SELECT customer_id FROM ledger_keys
       WHERE tenant_id = $1 AND kind = 'note' AND source_id = $2`,
      [tenantId, noteId],
    );
    if (!rows[0]) throw new NotFoundError('No such note');
    return onCustomerAccount(
      tx,
      commandContextOf(ctx),
      tenantId,
      rows[0].customer_id,
      (account) => {
        const note = account.notes.get(noteId);
        if (!note) throw new NotFoundError('No such note');
        if (note.authorId !== authorId)
          throw new ForbiddenError('Only its author changes a note', 'not_author');
        return decide(account);
      },
    );
  });
}

const editNote = defineRoute<{ id: string }, unknown, { text: string }>({
  method: 'PATCH',
  path: '/api/notes/:id',
  operationId: 'editNote',
  summary: 'Change the text of your note',
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: noteText },
  },
  responses: { 200: { description: 'The note' } },
  handler: (ctx, { params, body }) =>
    onNote(ctx, params.id, () => ({
      events: [{ type: 'NoteEdited', data: { noteId: params.id, text: body.text.trim() } }],
      result: { id: params.id, text: body.text.trim() },
    })),
});

const deleteNote = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/notes/:id',
  operationId: 'deleteNote',
  summary: 'Delete your note',
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  responses: { 204: { description: 'Deleted' } },
  handler: async (ctx, { params }) => {
    await onNote(ctx, params.id, () => ({
      events: [{ type: 'NoteDeleted', data: { noteId: params.id } }],
      result: 0,
    }));
    ctx.status = 204;
    return undefined;
  },
});

type CustomerChanges = Partial<
  Omit<CustomerRecord, 'id' | 'categories' | 'attributes' | 'excluded'>
>;

const changeCustomer = defineRoute<{ id: string }, unknown, CustomerChanges>({
  method: 'PATCH',
  path: '/api/customers/:id',
  operationId: 'changeCustomer',
  summary: "Change a customer's name, tax id, address, e-mails or phones by hand",
  description: 'Fields left out stay; `emails` and `phones` replace the whole list.',
  tags: ['ledger'],
  access: 'ledger.write',
  params: idParams,
  body: customerChangesSchema,
  responses: { 200: { description: 'Whether anything changed' } },
  handler: (ctx, { params, body }) =>
    onAccount(ctx, params.id, (account) => {
      const current = account.details!;
      const record: CustomerRecord = {
        id: current.sourceId,
        name: current.name,
        country: current.country,
        ...(current.taxId ? { taxId: current.taxId } : {}),
        ...(current.street ? { street: current.street } : {}),
        ...(current.postalCode ? { postalCode: current.postalCode } : {}),
        ...(current.city ? { city: current.city } : {}),
        emails: account.emails,
        phones: account.phones,
        ...body,
      };
      const checked = validateCustomer(record);
      const refused = (errors: { pointer: string; message: string }[]) =>
        new ValidationError(
          'Some customer details are not valid',
          errors.map((e) => ({ pointer: `/body${e.pointer}`, message: e.message })),
        );
      if (!checked.ok) throw refused(checked.errors);
      const outcome = decideRecord(
        {
          tenantId: ctx.state.principal!.tenantId,
          today: '',
          catalogue: emptyCatalogue(),
          accounts: new Map([[account.customerId, account]]),
          keys: new Map(),
        },
        { kind: 'customer', value: checked.value },
      );
      if (outcome.status === 'rejected') throw refused(outcome.errors);
      return { events: outcome.events, result: { changed: outcome.events.length > 0 } };
    }),
});

export const customerRoutes: RouteDefinition[] = [
  changeCustomer,
  setCategories,
  setAttribute,
  setExclusion,
  addNote,
  editNote,
  deleteNote,
];
