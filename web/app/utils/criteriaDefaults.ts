import type { Attribute, GroupField } from '@monity/sdk';
import {
  ATTRIBUTE_OPS,
  criteriaCondition,
  criteriaInputOf,
  emptyCriteriaValue,
  type CriteriaConditionDraft,
  type DraftValue,
} from './criteriaDraft.ts';

/** What the builder knows when it fills in a new condition. */
export interface CriteriaContext {
  /** Today in the company's time zone, `YYYY-MM-DD`. */
  today: string;
  /** The company's own currency. */
  currency: string;
  /** The aging scheme a new bucket condition starts in, and its first bucket past due. */
  scheme?: { id: string; overdueBucket?: string };
  categoryId?: string;
  attributes: Attribute[];
  /** The step a new "reached step" condition starts at: the first of the first process. */
  step?: { processId: string; stepId: string };
}

/** The operators of a field the builder offers: those the API allows, for attributes by type. */
export function criteriaOpsOf(
  fields: GroupField[],
  field: string,
  attribute?: Attribute,
): string[] {
  const allowed = fields.find((entry) => entry.field === field)?.ops ?? [];
  if (field !== 'attribute') return allowed;
  const ofType = ATTRIBUTE_OPS[attribute?.type ?? 'text'];
  return ofType.filter((op) => allowed.includes(op));
}

/** A day `days` before `today` (both `YYYY-MM-DD`). */
export function daysBefore(today: string, days: number): string {
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}

/**
 * A new condition on `field`, with its first operator and a value that already selects
 * something sensible (overdue invoices, the company's currency, no payment for 30 days), so
 * the preview has an answer before anything is typed.
 */
export function newCriteriaCondition(
  fields: GroupField[],
  field: string,
  context: CriteriaContext,
  attributeId?: string,
): CriteriaConditionDraft {
  const attribute =
    field === 'attribute'
      ? (context.attributes.find((a) => a.id === attributeId) ?? context.attributes[0])
      : undefined;
  const op = criteriaOpsOf(fields, field, attribute)[0] ?? '';
  const input = criteriaInputOf(field, op, attribute?.type);
  return criteriaCondition({
    field,
    op,
    attributeId: attribute?.id,
    input,
    value: startingValue(field, input, context, attribute),
  });
}

/** The value a condition keeps when its operator changes, or a new one that fits. */
export function criteriaWithOp(
  condition: CriteriaConditionDraft,
  op: string,
  context: CriteriaContext,
): CriteriaConditionDraft {
  const attribute = context.attributes.find((a) => a.id === condition.attributeId);
  const input = criteriaInputOf(condition.field, op, attribute?.type);
  const value =
    input === condition.input
      ? condition.value
      : startingValue(condition.field, input, context, attribute);
  return { ...condition, op, input, value };
}

function startingValue(
  field: string,
  input: ReturnType<typeof criteriaInputOf>,
  context: CriteriaContext,
  attribute: Attribute | undefined,
): DraftValue {
  switch (field) {
    case 'currency':
      return [context.currency];
    case 'country':
      return ['PL'];
    case 'daysOverdue':
    case 'overdueInvoices':
      return { min: '1', max: '' };
    case 'dueDate':
      return { from: '', to: context.today };
    case 'issueDate':
      return { from: daysBefore(context.today, 90), to: '' };
    case 'amount':
    case 'openAmount':
    case 'customerOverdue':
      return { min: '1000', max: '' };
    case 'agingBucket':
      return {
        schemeId: context.scheme?.id ?? '',
        buckets: context.scheme?.overdueBucket ? [context.scheme.overdueBucket] : [],
      };
    case 'category':
      return context.categoryId ? [context.categoryId] : [];
    case 'lastPayment':
      return daysBefore(context.today, 30);
    case 'processStep':
      return context.step ? { ...context.step } : emptyCriteriaValue(input);
    // Who has not heard from the company yet is what a collector looks for.
    case 'contacted':
      return false;
    case 'attribute':
      return input === 'list' && attribute?.choices?.length
        ? [attribute.choices[0]!]
        : emptyCriteriaValue(input);
    default:
      return emptyCriteriaValue(input);
  }
}
