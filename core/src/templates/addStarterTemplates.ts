import { v5 as uuidv5 } from 'uuid';
import type { Clock } from '../clock.ts';
import type { EventStore } from '../eventStore/index.ts';
import { STARTER_TEMPLATES } from './starters/starterTemplates.ts';
import { templateStream, type TemplateLanguage } from './templateEvents.ts';

/**
 * Saves the starters of one language as a company's own templates, as if a person had created
 * each from `GET /api/template-starters`; the demo company gets the Polish ones. Ids are
 * derived from the company and the starter, so a second call changes nothing.
 */
export async function addStarterTemplates(
  eventStore: EventStore,
  tenantId: string,
  language: TemplateLanguage,
  clock: Clock,
): Promise<void> {
  const metadata = {
    tenantId,
    actor: { kind: 'system' as const, id: 'starter-templates' },
    correlationId: tenantId,
    causationId: null,
    occurredAt: clock.now().toISOString(),
  };
  const appends = STARTER_TEMPLATES.filter((starter) => starter.language === language).map(
    ({ id, ...draft }) => {
      const templateId = uuidv5(`starter-template:${id}`, tenantId);
      const event = {
        id: uuidv5(`starter-template-event:${id}`, tenantId),
        type: 'TemplateDefined',
        data: { templateId, ...draft },
        metadata,
      };
      return {
        stream: { tenantId, streamId: templateStream(templateId) },
        events: [event],
        expectedVersion: 'any' as const,
      };
    },
  );
  await eventStore.appendMany(appends);
}
