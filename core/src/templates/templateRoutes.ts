import { v4 as uuidv4 } from 'uuid';
import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { foldStream } from '../database/streamEvents.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { checkTemplate } from './checkTemplate.ts';
import { evolveTemplate, type MessageTemplate } from './messageTemplate.ts';
import { STARTER_TEMPLATES } from './starters/starterTemplates.ts';
import { TEMPLATE_FILTERS } from './templateFilters.ts';
import {
  TEMPLATE_LANGUAGES,
  TEMPLATE_MEDIA,
  templateDraftProperties,
  templateStream,
  type TemplateDraft,
} from './templateEvents.ts';
import { TEMPLATE_VARIABLES } from './templateVariables.ts';

interface TemplateBody extends TemplateDraft {
  expectedVersion?: number;
}

const createBody: JsonSchema<TemplateBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'medium', 'language', 'kind'],
  properties: templateDraftProperties,
};
const changeBody: JsonSchema<TemplateBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'medium', 'language', 'kind', 'expectedVersion'],
  properties: { ...templateDraftProperties, expectedVersion: { type: 'integer', minimum: 1 } },
};
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

/** Reads a template's stream; `undefined` when it never existed or was removed. */
async function readTemplate(tx: TenantTransaction, tenantId: string, templateId: string) {
  const template = await foldStream(tx, tenantId, templateStream(templateId), evolveTemplate);
  return template?.removed ? undefined : template;
}

const toTemplateView = ({ removed: _removed, ...template }: MessageTemplate) => template;

/** The draft as it is stored: the name trimmed, and only the fields the medium has. */
function checkedDraft({ expectedVersion: _version, ...draft }: TemplateBody): TemplateDraft {
  checkTemplate(draft);
  return { ...draft, name: draft.name.trim() };
}

function saving(ctx: HttpContext, templateId: string, body: TemplateBody, expected: number) {
  const draft = checkedDraft(body);
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const current = await readTemplate(tx, tenantId, templateId);
    if (expected > 0 && !current) throw new NotFoundError('No such template');
    if (current && current.version !== expected) {
      throw new ConflictError(
        'version_conflict',
        `The template was saved meanwhile: it is at version ${current.version}, ` +
          `not ${expected}.`,
      );
    }
    // Collection steps pick a template for their channel: one that changed medium would leave
    // them sending, say, an e-mail's HTML as an SMS.
    if (current && current.medium !== draft.medium) {
      throw new ValidationError('A template keeps its medium', [
        { pointer: '/body/medium', message: `stays ${current.medium}; start a new template` },
      ]);
    }
    const type = current ? 'TemplateChanged' : 'TemplateDefined';
    await tx.append(
      templateStream(templateId),
      [eventOf(commandContextOf(ctx), tenantId, type, { templateId, ...draft })],
      expected === 0 ? 'no_stream' : expected,
    );
    return toTemplateView((await readTemplate(tx, tenantId, templateId))!);
  });
}

const DRAFT_DESCRIPTION =
  'An e-mail has `subject` and `html` (and `text`, made from the HTML when left out); an SMS ' +
  'or a voice call has `text`. Fields are Liquid (docs/templates.md): syntax errors, unknown ' +
  'variables and filters are answered 400 with the field and its line and column.';

const createTemplate = defineRoute<unknown, unknown, TemplateBody>({
  method: 'POST',
  path: '/api/templates',
  operationId: 'createTemplate',
  summary: 'Saves a new message template',
  description: DRAFT_DESCRIPTION,
  tags: ['templates'],
  access: 'ledger.write',
  body: createBody,
  responses: { 201: { description: 'The template, at version 1' } },
  handler: async (ctx, { body }) => {
    const saved = await saving(ctx, uuidv4(), body, 0);
    ctx.status = 201;
    return saved;
  },
});

const changeTemplate = defineRoute<{ id: string }, unknown, TemplateBody>({
  method: 'PUT',
  path: '/api/templates/:id',
  operationId: 'changeTemplate',
  summary: 'Saves a new version of a template, over the version it was read at',
  description: `${DRAFT_DESCRIPTION} A version other than the current one is answered 409.`,
  tags: ['templates'],
  access: 'ledger.write',
  params: idParams,
  body: changeBody,
  responses: { 200: { description: 'The template at its new version' } },
  handler: (ctx, { params, body }) => saving(ctx, params.id, body, body.expectedVersion!),
});

const removeTemplate = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/templates/:id',
  operationId: 'removeTemplate',
  summary: 'Removes a template; its versions stay in the event history',
  tags: ['templates'],
  access: 'ledger.write',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const current = await readTemplate(tx, tenantId, params.id);
      if (!current) throw new NotFoundError('No such template');
      const removed = { templateId: params.id };
      await tx.append(
        templateStream(params.id),
        [eventOf(commandContextOf(ctx), tenantId, 'TemplateRemoved', removed)],
        current.version,
      );
      ctx.status = 204;
    }),
});

interface StarterQuery {
  language?: (typeof TEMPLATE_LANGUAGES)[number];
  medium?: (typeof TEMPLATE_MEDIA)[number];
}

const starters = defineRoute<unknown, StarterQuery>({
  method: 'GET',
  path: '/api/template-starters',
  operationId: 'listTemplateStarters',
  summary: 'Ready-made reminders, demands and final demands to start a template from',
  description: 'Create one as your own by sending its draft (less `id`) to `POST /api/templates`.',
  tags: ['templates'],
  access: 'ledger.read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { language: { enum: TEMPLATE_LANGUAGES }, medium: { enum: TEMPLATE_MEDIA } },
  },
  responses: { 200: { description: 'Starters by language, step and medium' } },
  handler: (_ctx, { query }) => ({
    items: STARTER_TEMPLATES.filter(
      (starter) =>
        (!query.language || starter.language === query.language) &&
        (!query.medium || starter.medium === query.medium),
    ),
  }),
});

const variables = defineRoute({
  method: 'GET',
  path: '/api/template-variables',
  operationId: 'listTemplateVariables',
  summary: 'The variables and filters a template may use, described in Polish and English',
  tags: ['templates'],
  access: 'ledger.read',
  responses: { 200: { description: 'Variables by path, and the names of Monity filters' } },
  handler: () => ({ variables: TEMPLATE_VARIABLES, filters: TEMPLATE_FILTERS }),
});

export const templateRoutes: RouteDefinition[] = [
  createTemplate,
  changeTemplate,
  removeTemplate,
  starters,
  variables,
];
