import type { ProcessDefinition } from './processDefinition.ts';

/** A collection process as its stream folds. */
export interface CollectionProcess extends ProcessDefinition {
  id: string;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  removed: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

export function evolveProcess(
  process: CollectionProcess | undefined,
  event: { type: string; data: Validated; occurredAt: string; version: number },
): CollectionProcess | undefined {
  const { processId, ...definition } = event.data;
  const moved = (changes: Partial<CollectionProcess>) =>
    process && { ...process, ...changes, version: event.version, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'ProcessDefined':
    case 'ProcessChanged':
      return {
        id: processId,
        ...(definition as ProcessDefinition),
        version: event.version,
        active: process?.active ?? false,
        createdAt: process?.createdAt ?? event.occurredAt,
        updatedAt: event.occurredAt,
        removed: false,
      };
    case 'ProcessStarted':
      return moved({ active: true });
    case 'ProcessStopped':
      return moved({ active: false });
    case 'ProcessRemoved':
      return moved({ active: false, removed: true });
    default:
      return process;
  }
}
