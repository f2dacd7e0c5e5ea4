import type { Medium, TemplateContent, TemplateDraft, TemplateKind } from '@monity/sdk';

/** A template as the editor holds it: every field as text, whatever the medium. */
export interface EditableTemplate {
  name: string;
  medium: Medium;
  language: TemplateContent['language'];
  kind: TemplateKind;
  subject: string;
  html: string;
  text: string;
}

/** The fields each medium has: an e-mail's text part may be left to be made from its HTML. */
const TEMPLATE_FIELDS: Record<Medium, ('subject' | 'html' | 'text')[]> = {
  email: ['subject', 'html', 'text'],
  sms: ['text'],
  voice: ['text'],
};

export function editableTemplate(
  draft: Partial<TemplateDraft> & Pick<TemplateDraft, 'medium' | 'language'>,
): EditableTemplate {
  return {
    name: draft.name ?? '',
    medium: draft.medium,
    language: draft.language,
    kind: draft.kind ?? 'reminder',
    subject: draft.subject ?? '',
    html: draft.html ?? '',
    text: draft.text ?? '',
  };
}

/**
 * What the template says, as the API takes it: only its medium's fields, and only those
 * written. A required field left empty is left out, for the API to say so at the field.
 */
export function templateContent(template: EditableTemplate): TemplateContent {
  const content: TemplateContent = { medium: template.medium, language: template.language };
  for (const field of TEMPLATE_FIELDS[template.medium]) {
    if (template[field].trim() !== '') content[field] = template[field];
  }
  return content;
}

export function templateDraft(template: EditableTemplate): TemplateDraft {
  return { ...templateContent(template), name: template.name.trim(), kind: template.kind };
}
