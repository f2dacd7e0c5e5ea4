import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const day = { type: 'string', format: 'date' } as const;
const text = { type: 'string', minLength: 1, maxLength: 2000 } as const;

/**
 * What holds a customer's collection back, one stream per customer (`holds-<customer>`): a
 * promise to pay (until its day), and disputes while they are open.
 */
export const holdEventTypes: EventTypeDefinition[] = [
  eventType(
    'PromiseToPayRecorded',
    {
      customerId: uuid,
      promiseId: uuid,
      until: day,
      amount: { type: 'string', pattern: '^[0-9]{1,15}([.,][0-9]{1,4})?$' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      note: text,
    },
    ['amount', 'currency', 'note'],
  ),
  eventType('DisputeOpened', { customerId: uuid, disputeId: uuid, reason: text }),
  eventType('DisputeClosed', { customerId: uuid, disputeId: uuid, outcome: text }, ['outcome']),
];

export const holdStream = (customerId: string) => `holds-${customerId}`;
