import type { FieldError } from '@monity/sdk';
import { criteriaPointers, placeCriteriaErrors } from './criteriaErrors.ts';
import type { StepDraft } from './processDraft.ts';

export interface PlacedProcessErrors {
  /** About the process itself, by field path: `name`, `window.from`, `steps`. */
  process: Record<string, string>;
  /**
   * About a step, by its id and then the path inside it: `timing.days`, `channels`, and
   * `channels.<key>.templateId` for a channel (by its key, so the message follows it).
   */
  steps: Record<string, Record<string, string>>;
  /** About conditions of a step's own criteria, by its id and then the node's key. */
  criteria: Record<string, Record<string, string[]>>;
}

/**
 * Puts each of the API's field errors (`/body/steps/1/channels/0/templateId`) at the field it
 * names, as the form stood when it was sent: `sent` are its steps, in the order saved. A step
 * moved after the refusal keeps its messages, as they are by its id.
 */
export function placeProcessErrors(
  errors: readonly FieldError[],
  sent: readonly StepDraft[],
): PlacedProcessErrors {
  const placed: PlacedProcessErrors = { process: {}, steps: {}, criteria: {} };
  for (const error of errors) {
    const path = error.pointer.split('/').filter(Boolean).slice(1);
    const step = path[0] === 'steps' && path.length > 1 ? sent[Number(path[1])] : undefined;
    if (!step) {
      placed.process[path.join('.')] ??= error.message;
      continue;
    }
    const inside = path.slice(2);
    if (inside[0] === 'selection' && inside[1] === 'criteria' && step.who === 'criteria') {
      placeInCriteria(placed, step, error, `/body/steps/${path[1]}/selection/criteria`);
      continue;
    }
    if (inside[0] === 'channels' && inside.length > 1) {
      const channel = step.channels[Number(inside[1])];
      if (channel) inside[1] = channel.key;
    }
    (placed.steps[step.id] ??= {})[inside.join('.')] ??= error.message;
  }
  return placed;
}

function placeInCriteria(
  placed: PlacedProcessErrors,
  step: StepDraft,
  error: FieldError,
  base: string,
) {
  const { byKey, elsewhere } = placeCriteriaErrors([error], criteriaPointers(step.criteria, base));
  const mine = (placed.criteria[step.id] ??= {});
  for (const [key, messages] of Object.entries(byKey)) (mine[key] ??= []).push(...messages);
  for (const other of elsewhere) (placed.steps[step.id] ??= {}).selection ??= other.message;
}

/** The first message at `path` or inside it: `timing` finds one at `timing.days` too. */
export function messageAt(messages: Record<string, string> | undefined, path: string) {
  if (!messages) return undefined;
  if (messages[path] !== undefined) return messages[path];
  const inside = Object.keys(messages).find((p) => p.startsWith(`${path}.`));
  return inside === undefined ? undefined : messages[inside];
}
