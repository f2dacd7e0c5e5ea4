import type {
  Medium,
  Process,
  ProcessDefinition,
  ProcessStep,
  Schedule,
  StepKind,
  StepTiming,
  Weekday,
} from '@monity/sdk';
import {
  criteriaCondition,
  criteriaFromDraft,
  criteriaGroup,
  draftFromCriteria,
  type CriteriaGroupDraft,
} from './criteriaDraft.ts';

export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const STEP_KINDS: StepKind[] = [
  'reminder_before_due',
  'reminder',
  'demand',
  'repeated_demand',
  'final_demand',
  'hand_over',
];
export const MAX_STEPS = 20;
export const MAX_CHANNELS = 3;

/** The window as the form edits it: every field filled in with the API's default. */
export interface WindowDraft {
  days: Weekday[];
  from: string;
  to: string;
  timeZone: string;
  skipHolidays: boolean;
}

/** A step's timing in the words of the form: N days before or after the due date, or after. */
export interface TimingDraft {
  anchor: 'beforeDue' | 'afterDue' | 'afterPrevious';
  days: number;
}

/** `every: 'window'` is no schedule of its own: business days at the window's opening. */
export interface ScheduleDraft {
  every: 'window' | Schedule['every'];
  on: Weekday[];
  day: number;
  at: string;
}

/** `accountId` is empty for the medium's default account, `templateId` until one is chosen. */
export interface ChannelDraft {
  key: string;
  medium: Medium;
  templateId: string;
  accountId: string;
}

export interface StepDraft {
  id: string;
  name: string;
  kind: StepKind;
  who: 'group' | 'criteria';
  groupId: string;
  criteria: CriteriaGroupDraft;
  /** `all` for every currency. */
  currency: string;
  includeExcluded: boolean;
  channels: ChannelDraft[];
  timing: TimingDraft;
  schedule: ScheduleDraft;
  approval: ProcessStep['approval'];
}

export interface ProcessDraft {
  name: string;
  window: WindowDraft;
  steps: StepDraft[];
}

export const ALL_CURRENCIES = 'all';

const DEFAULT_WINDOW: WindowDraft = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '18:00',
  timeZone: 'Europe/Warsaw',
  skipHolidays: true,
};

let lastKey = 0;
const newKey = () => `ch${++lastKey}`;

/**
 * A random (version 4) UUID for a new step. `crypto.randomUUID` exists only on HTTPS pages and
 * localhost, and Monity may be served over plain HTTP inside a company's network.
 */
export function newStepId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/** Overdue invoices: where criteria of a step's own start. */
function overdueCriteria(): CriteriaGroupDraft {
  const overdue = criteriaCondition({
    field: 'daysOverdue',
    op: 'between',
    input: 'integerRange',
    value: { min: '1', max: '' },
  });
  return criteriaGroup('and', [overdue]);
}

export function newChannel(medium: Medium = 'email'): ChannelDraft {
  return { key: newKey(), medium, templateId: '', accountId: '' };
}

/**
 * A step to add after `count` others: the first a reminder three days after the due date,
 * the next ones a demand a week after the step before.
 */
export function newStep(count: number, name = ''): StepDraft {
  return {
    id: newStepId(),
    name,
    kind: count === 0 ? 'reminder' : 'demand',
    who: 'group',
    groupId: '',
    criteria: overdueCriteria(),
    currency: ALL_CURRENCIES,
    includeExcluded: false,
    channels: [newChannel('email')],
    timing: count === 0 ? { anchor: 'afterDue', days: 3 } : { anchor: 'afterPrevious', days: 7 },
    schedule: { every: 'window', on: ['mon'], day: 1, at: '09:00' },
    approval: 'automatic',
  };
}

export function newProcessDraft(firstStepName = ''): ProcessDraft {
  return { name: '', window: { ...DEFAULT_WINDOW }, steps: [newStep(0, firstStepName)] };
}

/** The list with the item at `index` moved by `by` places, or unchanged past either end. */
export function moveItem<T>(items: readonly T[], index: number, by: number): T[] {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) {
    return [...items];
  }
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  moved.splice(target, 0, item as T);
  return moved;
}

export function timingFromDraft({ anchor, days }: TimingDraft): StepTiming {
  const n = Math.abs(Math.trunc(days || 0));
  if (anchor === 'afterPrevious') return { from: 'previousStep', days: n };
  return { from: 'dueDate', days: anchor === 'beforeDue' ? -n : n };
}

function draftFromTiming(timing: StepTiming): TimingDraft {
  if (timing.from === 'previousStep') return { anchor: 'afterPrevious', days: timing.days };
  return timing.days < 0
    ? { anchor: 'beforeDue', days: -timing.days }
    : { anchor: 'afterDue', days: timing.days };
}

function scheduleFromDraft(draft: ScheduleDraft): Schedule | undefined {
  switch (draft.every) {
    case 'window':
      return undefined;
    case 'week':
      return { every: 'week', on: WEEKDAYS.filter((d) => draft.on.includes(d)), at: draft.at };
    case 'month':
      return { every: 'month', day: draft.day, at: draft.at };
    default:
      return { every: draft.every, at: draft.at };
  }
}

function draftFromSchedule(schedule: Schedule | undefined): ScheduleDraft {
  const draft: ScheduleDraft = { every: 'window', on: ['mon'], day: 1, at: '09:00' };
  if (!schedule) return draft;
  return {
    ...draft,
    every: schedule.every,
    at: schedule.at,
    ...(schedule.every === 'week' ? { on: [...schedule.on] } : {}),
    ...(schedule.every === 'month' ? { day: schedule.day } : {}),
  };
}

function stepFromDraft(step: StepDraft): ProcessStep {
  const schedule = scheduleFromDraft(step.schedule);
  const selection =
    step.who === 'group'
      ? { groupId: step.groupId }
      : {
          criteria: criteriaFromDraft(step.criteria),
          ...(step.currency === ALL_CURRENCIES ? {} : { currency: step.currency }),
          includeExcluded: step.includeExcluded,
        };
  const channels =
    step.kind === 'hand_over'
      ? []
      : step.channels.map(({ medium, templateId, accountId }) => ({
          medium,
          templateId,
          ...(accountId ? { accountId } : {}),
        }));
  return {
    id: step.id,
    name: step.name.trim(),
    kind: step.kind,
    selection,
    channels,
    timing: timingFromDraft(step.timing),
    ...(schedule ? { schedule } : {}),
    approval: step.approval,
  };
}

export function definitionFromDraft(draft: ProcessDraft): ProcessDefinition {
  return {
    name: draft.name.trim(),
    window: { ...draft.window, days: WEEKDAYS.filter((d) => draft.window.days.includes(d)) },
    steps: draft.steps.map(stepFromDraft),
  };
}

function draftFromStep(step: ProcessStep, decimalComma: boolean): StepDraft {
  const { selection } = step;
  const byCriteria = 'criteria' in selection;
  const root = byCriteria ? draftFromCriteria(selection.criteria, decimalComma) : undefined;
  return {
    id: step.id,
    name: step.name,
    kind: step.kind,
    who: byCriteria ? 'criteria' : 'group',
    groupId: byCriteria ? '' : selection.groupId,
    criteria: !root
      ? overdueCriteria()
      : root.kind === 'group'
        ? root
        : criteriaGroup('and', [root]),
    currency: (byCriteria && selection.currency) || ALL_CURRENCIES,
    includeExcluded: (byCriteria && selection.includeExcluded) || false,
    channels: step.channels.map((c) => ({
      key: newKey(),
      medium: c.medium,
      templateId: c.templateId,
      accountId: c.accountId ?? '',
    })),
    timing: draftFromTiming(step.timing),
    schedule: draftFromSchedule(step.schedule),
    approval: step.approval,
  };
}

/** A saved process as the form edits it; with `decimalComma`, amounts read as Polish. */
export function draftFromProcess(process: Process, decimalComma = false): ProcessDraft {
  return {
    name: process.name,
    window: { ...DEFAULT_WINDOW, ...process.window },
    steps: process.steps.map((step) => draftFromStep(step, decimalComma)),
  };
}

/**
 * Roughly which day after the due date each step comes on (negative before it), the steps
 * after the previous one added up; null where an earlier step's day is unknown. The scheduler
 * moves a step past weekends and holidays, so these are the days before that.
 */
export function approximateDays(timings: readonly StepTiming[]): (number | null)[] {
  const days: (number | null)[] = [];
  for (const timing of timings) {
    const previous = days.length > 0 ? days.at(-1)! : null;
    if (timing.from === 'dueDate') days.push(timing.days);
    else days.push(previous === null ? null : previous + timing.days);
  }
  return days;
}

/** JSON with every object's keys sorted, so documents compare whatever order they came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two processes say the same (name, window and steps), so a start or a stop, which
 * moves the version alone, is not taken for another person's edit.
 */
export function sameDefinition(a: ProcessDefinition, b: ProcessDefinition): boolean {
  const pick = ({ name, window, steps }: ProcessDefinition) => ({ name, window, steps });
  return canonical(pick(a)) === canonical(pick(b));
}
