import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  validateSchedule,
  validateSendingWindow,
  validateStepTiming,
  type Schedule,
  type SendingWindow,
  type StepTiming,
} from '../calendar/index.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { validateCriteria, type CriteriaNode } from '../groups/criteria.ts';
import { toFieldErrors } from '../http/toFieldErrors.ts';
import type { Medium } from '../plugins/index.ts';

const STEP_KINDS = [
  'reminder_before_due',
  'reminder',
  'demand',
  'repeated_demand',
  'final_demand',
  'hand_over',
] as const;
type StepKind = (typeof STEP_KINDS)[number];

/** Who a step goes to: the members of a saved group, or criteria of its own. */
type StepSelection =
  { groupId: string } | { criteria: CriteriaNode; currency?: string; includeExcluded?: boolean };

/**
 * How a step reaches a customer: the first channel in the list the customer has an address
 * for (an e-mail, else an SMS, say), with its template and optionally a channel account.
 */
interface StepChannel {
  medium: Medium;
  templateId: string;
  accountId?: string;
}

export interface ProcessStep {
  /** Stable across versions, so a customer's progress keeps pointing at the same step. */
  id: string;
  name: string;
  kind: StepKind;
  selection: StepSelection;
  /** None for a hand-over, which makes a package for an agency instead of a message. */
  channels: StepChannel[];
  timing: StepTiming;
  /** When the step runs; every business day at the window's opening when left out. */
  schedule?: Schedule;
  approval: 'automatic' | 'queue';
}

/** A collection process: an ordered scenario of steps and the window its messages keep to. */
export interface ProcessDefinition {
  name: string;
  steps: ProcessStep[];
  window?: SendingWindow;
}

const uuid = { type: 'string', format: 'uuid' } as const;
const medium = { enum: ['email', 'sms', 'voice'] } as const;

// The nested documents (criteria, timing, schedule, window) are checked by their own
// validators, each addressing its problems from where it sits.
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    window: { type: 'object' },
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'kind', 'selection', 'channels', 'timing', 'approval'],
        properties: {
          id: uuid,
          name: { type: 'string', minLength: 1, maxLength: 100 },
          kind: { enum: STEP_KINDS },
          selection: {
            type: 'object',
            oneOf: [
              { required: ['groupId'], additionalProperties: false, properties: { groupId: uuid } },
              {
                required: ['criteria'],
                additionalProperties: false,
                properties: {
                  criteria: { type: 'object' },
                  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
                  includeExcluded: { type: 'boolean' },
                },
              },
            ],
          },
          channels: {
            type: 'array',
            maxItems: 3,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['medium', 'templateId'],
              properties: { medium, templateId: uuid, accountId: uuid },
            },
          },
          timing: { type: 'object' },
          schedule: { type: 'object' },
          approval: { enum: ['automatic', 'queue'] },
        },
      },
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateShape = ajv.compile(schema);

/** Checks a process definition, addressing each problem from `pointer` (`/body`). */
export function validateProcess(document: unknown, pointer: string): ProcessDefinition {
  if (!validateShape(document)) {
    throw new ValidationError(
      'The process is not valid.',
      toFieldErrors(pointer.replace(/^\//, ''), validateShape.errors ?? []),
    );
  }
  const process = document as unknown as ProcessDefinition;
  const errors: FieldError[] = [];
  const collect = (check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.errors);
    }
  };
  if (process.window) collect(() => validateSendingWindow(process.window, `${pointer}/window`));
  const ids = new Set<string>();
  process.steps.forEach((step, i) => {
    const at = `${pointer}/steps/${i}`;
    if (ids.has(step.id)) errors.push({ pointer: `${at}/id`, message: 'is used by another step' });
    ids.add(step.id);
    if ('criteria' in step.selection) {
      const { criteria } = step.selection;
      collect(() => validateCriteria(criteria, `${at}/selection/criteria`));
    }
    collect(() => validateStepTiming(step.timing, `${at}/timing`));
    if (step.schedule) collect(() => validateSchedule(step.schedule, `${at}/schedule`));
    if (step.kind === 'hand_over' && step.channels.length > 0) {
      errors.push({ pointer: `${at}/channels`, message: 'must be empty for a hand-over' });
    }
    if (step.kind !== 'hand_over' && step.channels.length === 0) {
      errors.push({ pointer: `${at}/channels`, message: 'must name at least one channel' });
    }
  });
  if (errors.length > 0) throw new ValidationError('The process is not valid.', errors);
  return process;
}
