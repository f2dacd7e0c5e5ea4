export { addStarterTemplates } from './addStarterTemplates.ts';
export { checkTemplate } from './checkTemplate.ts';
export { renderContent, type RenderedContent } from './renderContent.ts';
export { smsStats, transliterate, type SmsEncoding, type SmsStats } from './smsText.ts';
export { STARTER_TEMPLATES, type StarterTemplate } from './starters/starterTemplates.ts';
export {
  TEMPLATE_KINDS,
  TEMPLATE_LANGUAGES,
  TEMPLATE_MEDIA,
  templateDraftProperties,
  templateEventTypes,
  templateStream,
  type TemplateContent,
  type TemplateDraft,
  type TemplateKind,
  type TemplateLanguage,
} from './templateEvents.ts';
export type { AddressVariables, InvoiceVariables, TemplateVariables } from './templateVariables.ts';
export { TRANSFER_TITLE_LENGTH, transferTitle } from './transferTitle.ts';
