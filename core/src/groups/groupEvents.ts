import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** Checked whole by `validateCriteria` before the event is made. */
const criteria = { type: 'object' } as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
const includeExcluded = { type: 'boolean' } as const;

/**
 * A collection group's life: one stream per group (`group-<id>`), each change a new version
 * of its name and selection, so a message can always say which version picked its customer.
 */
export const groupEventTypes: EventTypeDefinition[] = [
  eventType('GroupDefined', { groupId: uuid, name, criteria, currency, includeExcluded }, [
    'currency',
  ]),
  eventType('GroupChanged', { groupId: uuid, name, criteria, currency, includeExcluded }, [
    'currency',
  ]),
  eventType('GroupRemoved', { groupId: uuid }),
];

export const groupStream = (groupId: string) => `group-${groupId}`;
