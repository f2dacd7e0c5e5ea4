import type { TemplateDraft } from './templateEvents.ts';

/** A message template as its stream folds: its current version, or removed. */
export interface MessageTemplate extends TemplateDraft {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  removed: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

export function evolveTemplate(
  template: MessageTemplate | undefined,
  event: { type: string; data: Validated; occurredAt: string; version: number },
): MessageTemplate | undefined {
  const { templateId, ...draft } = event.data;
  switch (event.type) {
    case 'TemplateDefined':
    case 'TemplateChanged':
      return {
        id: templateId,
        ...(draft as TemplateDraft),
        version: event.version,
        createdAt: template?.createdAt ?? event.occurredAt,
        updatedAt: event.occurredAt,
        removed: false,
      };
    case 'TemplateRemoved':
      return template && { ...template, version: event.version, removed: true };
    default:
      return template;
  }
}
