import {
  checkTemplate,
  defineRoute,
  NotFoundError,
  smsStats,
  templateDraftProperties,
  transliterate,
  TEMPLATE_KINDS,
  TEMPLATE_LANGUAGES,
  TEMPLATE_MEDIA,
  type JsonSchema,
  type RouteDefinition,
  type TemplateDraft,
  type TenantTransaction,
} from '@monity/core';
import { reading } from '../ledger/tenantReading.ts';
import { loadMessageContext } from './messageContext.ts';
import { renderMessages, type RenderedMessage } from './renderMessages.ts';
import { TEMPLATE_VERSIONS, TEMPLATES } from './templateProjection.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: uuid },
};

interface TemplateRow {
  template_id: string;
  name: string;
  medium: TemplateDraft['medium'];
  language: TemplateDraft['language'];
  kind: TemplateDraft['kind'];
  subject: string | null;
  html: string | null;
  text: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const TEMPLATE_COLUMNS = `template_id, name, medium, language, kind, subject, html, text,
  version, to_json(created_at) #>> '{}' AS created_at, to_json(updated_at) #>> '{}' AS updated_at`;

const contentOf = (row: Pick<TemplateRow, 'subject' | 'html' | 'text'>) => ({
  ...(row.subject !== null ? { subject: row.subject } : {}),
  ...(row.html !== null ? { html: row.html } : {}),
  ...(row.text !== null ? { text: row.text } : {}),
});

const toTemplate = (row: TemplateRow) => ({
  id: row.template_id,
  name: row.name,
  medium: row.medium,
  language: row.language,
  kind: row.kind,
  ...contentOf(row),
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

interface ListQuery {
  medium?: TemplateDraft['medium'];
  language?: TemplateDraft['language'];
  kind?: TemplateDraft['kind'];
}

const list = defineRoute<unknown, ListQuery>({
  method: 'GET',
  path: '/api/templates',
  operationId: 'listTemplates',
  summary: "The company's message templates by name, maybe of one medium, language or step",
  tags: ['templates'],
  access: 'ledger.read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      medium: { enum: TEMPLATE_MEDIA },
      language: { enum: TEMPLATE_LANGUAGES },
      kind: { enum: TEMPLATE_KINDS },
    },
  },
  responses: { 200: { description: 'Templates by name, with their content' } },
  handler: (ctx, { query }) =>
    reading(ctx, async (tx) => {
      const { rows } = await tx.query<TemplateRow>(
        `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATES}
         WHERE ($1::text IS NULL OR medium = $1) AND ($2::text IS NULL OR language = $2)
           AND ($3::text IS NULL OR kind = $3)
         ORDER BY lower(name), template_id`,
        [query.medium ?? null, query.language ?? null, query.kind ?? null],
      );
      return { items: rows.map(toTemplate) };
    }),
});

async function templateRow(tx: TenantTransaction, id: string) {
  const { rows } = await tx.query<TemplateRow>(
    `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATES} WHERE template_id = $1`,
    [id],
  );
  if (!rows[0]) throw new NotFoundError('No such template');
  return rows[0];
}

const show = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/templates/:id',
  operationId: 'getTemplate',
  summary: 'A message template at its current version',
  tags: ['templates'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The template' } },
  handler: (ctx, { params }) =>
    reading(ctx, async (tx) => toTemplate(await templateRow(tx, params.id))),
});

const versions = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/templates/:id/versions',
  operationId: 'listTemplateVersions',
  summary: 'Every version a template had, newest first, and who saved it',
  tags: ['templates'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'Versions, newest first' } },
  handler: (ctx, { params }) =>
    reading(ctx, async (tx) => {
      const { rows } = await tx.query<
        Omit<TemplateRow, 'template_id' | 'created_at' | 'updated_at'> & {
          changed_at: string;
          changed_by: string;
        }
      >(
        `SELECT version, name, medium, language, kind, subject, html, text, changed_by,
           to_json(changed_at) #>> '{}' AS changed_at
         FROM ${TEMPLATE_VERSIONS} WHERE template_id = $1 ORDER BY version DESC`,
        [params.id],
      );
      if (rows.length === 0) throw new NotFoundError('No such template');
      return {
        items: rows.map((row) => ({
          version: row.version,
          name: row.name,
          medium: row.medium,
          language: row.language,
          kind: row.kind,
          ...contentOf(row),
          changedAt: row.changed_at,
          changedBy: row.changed_by,
        })),
      };
    }),
});

interface PreviewBody extends Omit<TemplateDraft, 'name' | 'kind'> {
  name?: string;
  kind?: TemplateDraft['kind'];
  customerId: string;
  currency?: string;
  invoiceIds?: string[];
  transliterate: boolean;
}

/** An SMS's length and parts, and with `transliterate` the same for its text without ą, ł… */
function withSmsStats(message: RenderedMessage, transliterated: boolean) {
  const sms = smsStats(message.text);
  if (!transliterated) return { ...message, sms };
  const text = transliterate(message.text);
  return { ...message, sms: { ...sms, transliterated: { text, ...smsStats(text) } } };
}

const preview = defineRoute<unknown, unknown, PreviewBody>({
  method: 'POST',
  path: '/api/templates/preview',
  operationId: 'previewTemplate',
  summary: 'A template draft rendered for a real customer: one message per currency they owe in',
  description:
    'The draft is not saved. Syntax errors and unknown variables or filters are answered 400 ' +
    'with the field (`/body/html`…) and its line and column, as saving answers them. HTML is ' +
    'sanitised as its recipient would see it; an SMS comes with its length, encoding and parts.',
  tags: ['templates'],
  access: 'ledger.read',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['medium', 'language', 'customerId'],
    properties: {
      ...templateDraftProperties,
      customerId: uuid,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      invoiceIds: { type: 'array', items: uuid, minItems: 1, maxItems: 5_000 },
      transliterate: { type: 'boolean', default: false },
    },
  },
  responses: { 200: { description: 'The messages, by currency code' } },
  handler: (ctx, { body }) => {
    const content = {
      medium: body.medium,
      language: body.language,
      ...contentOf({
        subject: body.subject ?? null,
        html: body.html ?? null,
        text: body.text ?? null,
      }),
    };
    checkTemplate(content);
    return reading(ctx, async (tx, tenantId, today) => {
      const context = await loadMessageContext(tx, {
        tenantId,
        customerId: body.customerId,
        today,
        ...(body.currency ? { currency: body.currency } : {}),
        ...(body.invoiceIds ? { invoiceIds: body.invoiceIds } : {}),
      });
      const messages = renderMessages(content, context, '/body');
      if (content.medium !== 'sms') return { messages };
      return { messages: messages.map((m) => withSmsStats(m, body.transliterate)) };
    });
  },
});

export const templateReadRoutes: RouteDefinition[] = [list, show, versions, preview];
