import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';
import type { Medium } from '../plugins/pluginContract.ts';

export const TEMPLATE_MEDIA = ['email', 'sms', 'voice'] as const satisfies readonly Medium[];
export const TEMPLATE_LANGUAGES = ['pl', 'en'] as const;
/** The step of a collection process a template is written for. */
export const TEMPLATE_KINDS = [
  'reminder_before_due',
  'reminder',
  'demand',
  'repeated_demand',
  'final_demand',
  'other',
] as const;

export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * What a template says, in Liquid (docs/templates.md). An e-mail has a subject and HTML, and
 * text when its author wrote one (otherwise it is made from the HTML); an SMS or a voice call
 * has text only.
 */
export interface TemplateContent {
  medium: Medium;
  language: TemplateLanguage;
  subject?: string;
  html?: string;
  text?: string;
}

/** A template as saved: its content, a name to find it by and the step it is meant for. */
export interface TemplateDraft extends TemplateContent {
  name: string;
  kind: TemplateKind;
}

/** Longest field a template may have, in characters; a letter with a table fits many times. */
const TEMPLATE_LIMITS = { name: 100, subject: 300, html: 100_000, text: 20_000 } as const;

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** The JSON Schema properties of a template draft, shared by its events and API bodies. */
export const templateDraftProperties = {
  name: text(TEMPLATE_LIMITS.name),
  medium: { enum: TEMPLATE_MEDIA },
  language: { enum: TEMPLATE_LANGUAGES },
  kind: { enum: TEMPLATE_KINDS },
  subject: text(TEMPLATE_LIMITS.subject),
  html: text(TEMPLATE_LIMITS.html),
  text: text(TEMPLATE_LIMITS.text),
} as const;

const uuid = { type: 'string', format: 'uuid' } as const;
const payload = { templateId: uuid, ...templateDraftProperties };
const optional = ['subject', 'html', 'text'];

/**
 * A message template's life: one stream per template (`template-<id>`), each change a new
 * version of the whole draft, so a sent message can say which version it was written from.
 */
export const templateEventTypes: EventTypeDefinition[] = [
  eventType('TemplateDefined', payload, optional),
  eventType('TemplateChanged', payload, optional),
  eventType('TemplateRemoved', { templateId: uuid }),
];

export const templateStream = (templateId: string) => `template-${templateId}`;
