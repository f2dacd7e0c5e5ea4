import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
/** Checked whole by `validateProcess` before the event is made. */
const definition = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  steps: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object' } },
  window: { type: 'object' },
} as const;

/**
 * A collection process's life: one stream per process (`process-<id>`). Each change is a new
 * version of the whole scenario; started and stopped say whether the scheduler runs it.
 */
export const processEventTypes: EventTypeDefinition[] = [
  eventType('ProcessDefined', { processId: uuid, ...definition }, ['window']),
  eventType('ProcessChanged', { processId: uuid, ...definition }, ['window']),
  eventType('ProcessStarted', { processId: uuid }),
  eventType('ProcessStopped', { processId: uuid }),
  eventType('ProcessRemoved', { processId: uuid }),
];

export const processStream = (processId: string) => `process-${processId}`;
