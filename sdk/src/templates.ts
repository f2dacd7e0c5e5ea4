import type { Medium } from './channels.ts';
import type { Transport } from './transport.ts';

export type TemplateLanguage = 'pl' | 'en';

/** The step of a collection process a template is written for. */
export type TemplateKind =
  'reminder_before_due' | 'reminder' | 'demand' | 'repeated_demand' | 'final_demand' | 'other';

/**
 * What a template says, in Liquid (docs/templates.md). An e-mail has `subject` and `html`, and
 * `text` when its author wrote one (otherwise it is made from the HTML); an SMS or a voice call
 * has `text` only.
 */
export interface TemplateContent {
  medium: Medium;
  language: TemplateLanguage;
  subject?: string;
  html?: string;
  text?: string;
}

export interface TemplateDraft extends TemplateContent {
  name: string;
  kind: TemplateKind;
}

export interface Template extends TemplateDraft {
  id: string;
  /** 1 when created, one more on each save; sent back as `expectedVersion`. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateChanges extends TemplateDraft {
  /** The version the change was made on; a 409 answers a save made on an older one. */
  expectedVersion: number;
}

/** A template as one save left it. */
export interface TemplateVersion extends TemplateDraft {
  version: number;
  changedAt: string;
  /** Who saved it, as `kind:id` (`user:…`, `api_key:…`). */
  changedBy: string;
}

/** A ready-made template; `POST /api/templates` with its draft makes it the company's own. */
export interface StarterTemplate extends TemplateDraft {
  /** Stable across releases: `reminder-email-pl`, `final_demand-sms-en`. */
  id: string;
}

/** A variable a template may use: its Liquid path (`[]` marks an item of a list). */
export interface TemplateVariableDoc {
  path: string;
  pl: string;
  en: string;
}

export interface TemplateFilter {
  medium?: Medium;
  language?: TemplateLanguage;
  kind?: TemplateKind;
}

export interface TemplatePreviewRequest extends TemplateContent {
  /** The customer whose unpaid invoices the preview is made for. */
  customerId: string;
  /** Only the message in this currency; every currency the customer owes in when left out. */
  currency?: string;
  /** Only these invoices. */
  invoiceIds?: string[];
  /** For an SMS: also the text with Polish letters and typography in GSM 03.38. */
  transliterate?: boolean;
}

/** How an SMS travels: its encoding, length in the encoding's units, and the parts it takes. */
export interface SmsStats {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (an extension character takes two), UTF-16 units for UCS-2. */
  length: number;
  /** Characters as a person counts them. */
  characters: number;
  /** Parts the text is sent (and billed) in; 0 for an empty text. */
  segments: number;
  /** Units one part holds: 160 or 153 for GSM-7, 70 or 67 for UCS-2. */
  perSegment: number;
  /** Units left in the last part before another would be needed. */
  remaining: number;
  /** The characters that force UCS-2, each once. */
  unicodeCharacters: string[];
}

/** One message the draft makes for the customer: one per currency they owe in. */
export interface TemplatePreviewMessage {
  currency: string;
  invoiceIds: string[];
  subject?: string;
  /** Sanitised, as the recipient's mail client would show it. */
  html?: string;
  text: string;
  /** SMS only; `transliterated` when asked for. */
  sms?: SmsStats & { transliterated?: SmsStats & { text: string } };
}

/**
 * The company's message templates, the starters to begin one from, and a draft rendered for a
 * real customer. A draft's Liquid errors are answered 400 naming the field (`/body/html`) with
 * `line L, column C: …` in the message.
 *
 * @example
 * const [starter] = (await monity.templates.starters({ language: 'pl', medium: 'sms' })).items;
 * const { id: _id, ...draft } = starter;
 * const template = await monity.templates.create(draft);
 * const preview = await monity.templates.preview({ ...draft, customerId, transliterate: true });
 * console.log(preview.messages[0].sms?.segments);
 */
export function templateRoutes(http: Transport) {
  const path = (id: string) => `/api/templates/${encodeURIComponent(id)}`;
  return {
    list: (filter: TemplateFilter = {}) =>
      http.request<{ items: Template[] }>('GET', '/api/templates', { query: { ...filter } }),
    get: (id: string) => http.request<Template>('GET', path(id)),
    create: (body: TemplateDraft) => http.request<Template>('POST', '/api/templates', { body }),
    /** Saves over the version named by `expectedVersion`; 409 when another save came first. */
    replace: (id: string, body: TemplateChanges) =>
      http.request<Template>('PUT', path(id), { body }),
    remove: (id: string) => http.request<void>('DELETE', path(id)),
    /** Every saved version, newest first. */
    versions: (id: string) =>
      http.request<{ items: TemplateVersion[] }>('GET', `${path(id)}/versions`),
    starters: (filter: Omit<TemplateFilter, 'kind'> = {}) =>
      http.request<{ items: StarterTemplate[] }>('GET', '/api/template-starters', {
        query: { ...filter },
      }),
    /** The variables a template may use, described in Polish and English, and Monity's filters. */
    variables: () =>
      http.request<{ variables: TemplateVariableDoc[]; filters: string[] }>(
        'GET',
        '/api/template-variables',
      ),
    /** The draft rendered for a customer, without saving it. */
    preview: (body: TemplatePreviewRequest) =>
      http.request<{ messages: TemplatePreviewMessage[] }>('POST', '/api/templates/preview', {
        body,
      }),
  };
}
