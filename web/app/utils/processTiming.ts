import type { StepTiming } from '@monity/sdk';

/** A message key under `processes.timing` and the number of days it counts. */
export interface TimingPhrase {
  key: 'beforeDue' | 'onDue' | 'afterDue' | 'withPrevious' | 'afterPrevious';
  n: number;
}

/**
 * How a step's timing reads: `{ from: 'dueDate', days: 3 }` as "3 days after the due date"
 * (`afterDue`, 3), -5 as "5 days before it", 0 as "on the due date".
 */
export function timingPhrase({ from, days }: StepTiming): TimingPhrase {
  if (from === 'previousStep')
    return { key: days === 0 ? 'withPrevious' : 'afterPrevious', n: days };
  if (days === 0) return { key: 'onDue', n: 0 };
  return days < 0 ? { key: 'beforeDue', n: -days } : { key: 'afterDue', n: days };
}
