import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
const colour = { type: 'string', pattern: '^#[0-9a-f]{6}$' } as const;
const attributeType = { enum: ['text', 'number', 'boolean', 'choice'] } as const;
const choices = { type: 'array', items: name, maxItems: 100 } as const;
const bound = { anyOf: [{ type: 'integer' }, { type: 'null' }] } as const;
const buckets = {
  type: 'array',
  minItems: 1,
  maxItems: 30,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['label', 'from', 'to'],
    properties: { label: name, from: bound, to: bound },
  },
} as const;

/**
 * How a tenant describes its customers and its receivables: categories, typed attributes and
 * aging schemes. One stream per tenant (`catalogue`), as the whole of it is small and every
 * import reads it.
 */
export const catalogueEventTypes: EventTypeDefinition[] = [
  eventType('CategoryDefined', { categoryId: uuid, name, colour }),
  eventType('CategoryChanged', { categoryId: uuid, name, colour }),
  eventType('CategoryRemoved', { categoryId: uuid }),
  eventType('AttributeDefined', { attributeId: uuid, name, type: attributeType, choices }, [
    'choices',
  ]),
  eventType('AttributeChanged', { attributeId: uuid, name, choices }, ['choices']),
  eventType('AttributeRemoved', { attributeId: uuid }),
  eventType('AgingSchemeDefined', { schemeId: uuid, name, buckets }),
  eventType('AgingSchemeChanged', { schemeId: uuid, name, buckets }),
  eventType('AgingSchemeRemoved', { schemeId: uuid }),
];
