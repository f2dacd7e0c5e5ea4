import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;

/**
 * A customer's way through one process: one stream per process and customer
 * (`collection-<process>-<customer>`). A step reached names the invoices it covered and the
 * message it scheduled for them — or, with no address for any of the step's channels, none; a
 * hand-over names the package for the agency the invoices went into, out of every reminder.
 */
export const collectionEventTypes: EventTypeDefinition[] = [
  eventType(
    'CollectionStepReached',
    {
      processId: uuid,
      stepId: uuid,
      customerId: uuid,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      invoiceIds: { type: 'array', items: uuid, minItems: 1, maxItems: 1000 },
      messageId: uuid,
      skipped: { enum: ['no_address'] },
      packageId: uuid,
    },
    ['messageId', 'skipped', 'packageId'],
  ),
];

export const collectionStream = (processId: string, customerId: string) =>
  `collection-${processId}-${customerId}`;
