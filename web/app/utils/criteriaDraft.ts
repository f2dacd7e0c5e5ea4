import type { AttributeType, CriteriaCondition, CriteriaNode } from '@monity/sdk';

/**
 * The criteria builder edits a draft of the criteria document: every node has a key (for the
 * list it renders in and for the errors the API names), `not` is a flag on any node rather than
 * a level of its own, and values are kept as typed (`"1 234,50"`, `""` for a bound left empty)
 * until they are turned back into a document to send.
 */
export type CriteriaDraft = CriteriaGroupDraft | CriteriaConditionDraft;

export interface CriteriaGroupDraft {
  kind: 'group';
  key: string;
  negated: boolean;
  mode: 'and' | 'or';
  children: CriteriaDraft[];
}

export interface CriteriaConditionDraft {
  kind: 'condition';
  key: string;
  negated: boolean;
  field: string;
  op: string;
  attributeId?: string;
  /** How `value` is typed in, and so which input edits it. */
  input: CriteriaInput;
  value: DraftValue;
}

/** The inputs of a condition's value. */
export type CriteriaInput =
  | 'list'
  | 'integerRange'
  | 'amountRange'
  | 'numberRange'
  | 'dateRange'
  | 'aging'
  | 'step'
  | 'flag'
  | 'day'
  | 'text'
  | 'number'
  | 'none';

export interface BoundsDraft {
  min: string;
  max: string;
}
export interface DaysDraft {
  from: string;
  to: string;
}
export interface AgingDraft {
  schemeId: string;
  buckets: string[];
}
/** A step of a process; empty ids until the company has a process to choose. */
export interface ProcessStepDraft {
  processId: string;
  stepId: string;
}
export type DraftValue =
  string | boolean | string[] | BoundsDraft | DaysDraft | AgingDraft | ProcessStepDraft | null;

let lastKey = 0;
const newKey = () => `c${++lastKey}`;

const LIST_FIELDS = ['currency', 'country', 'city', 'category'];
const INPUT_BY_FIELD: Record<string, CriteriaInput> = {
  daysOverdue: 'integerRange',
  overdueInvoices: 'integerRange',
  amount: 'amountRange',
  openAmount: 'amountRange',
  customerOverdue: 'amountRange',
  dueDate: 'dateRange',
  issueDate: 'dateRange',
  agingBucket: 'aging',
  processStep: 'step',
  hasEmail: 'flag',
  hasPhone: 'flag',
  contacted: 'flag',
  lastPayment: 'day',
};

/** The input of a field's value under an operator (for attributes, by the attribute's type). */
export function criteriaInputOf(field: string, op: string, type?: AttributeType): CriteriaInput {
  if (LIST_FIELDS.includes(field)) return 'list';
  if (field !== 'attribute') return INPUT_BY_FIELD[field] ?? 'text';
  if (op === 'isSet' || op === 'isNotSet') return 'none';
  if (op === 'in') return 'list';
  if (op === 'between') return 'numberRange';
  if (type === 'boolean') return 'flag';
  return type === 'number' ? 'number' : 'text';
}

/** The operators of attributes of each type, of those the API allows for attributes. */
export const ATTRIBUTE_OPS: Record<AttributeType, string[]> = {
  text: ['equals', 'in', 'isSet', 'isNotSet'],
  number: ['between', 'equals', 'isSet', 'isNotSet'],
  boolean: ['equals', 'isSet', 'isNotSet'],
  choice: ['in', 'equals', 'isSet', 'isNotSet'],
};

/** An empty value of an input; the builder fills in a sensible one where it has one. */
export function emptyCriteriaValue(input: CriteriaInput): DraftValue {
  switch (input) {
    case 'list':
      return [];
    case 'integerRange':
    case 'amountRange':
    case 'numberRange':
      return { min: '', max: '' };
    case 'dateRange':
      return { from: '', to: '' };
    case 'aging':
      return { schemeId: '', buckets: [] };
    case 'step':
      return { processId: '', stepId: '' };
    case 'flag':
      return true;
    case 'none':
      return null;
    default:
      return '';
  }
}

export function criteriaGroup(
  mode: 'and' | 'or',
  children: CriteriaDraft[] = [],
  negated = false,
): CriteriaGroupDraft {
  return { kind: 'group', key: newKey(), negated, mode, children };
}

export function criteriaCondition(
  condition: Omit<CriteriaConditionDraft, 'kind' | 'key' | 'negated'> & { negated?: boolean },
): CriteriaConditionDraft {
  return { negated: false, ...condition, kind: 'condition', key: newKey() };
}

/**
 * A criteria document as a draft; the input of each value is read from the value itself. With
 * `decimalComma`, amounts and numbers read as Polish write them ("2000,50").
 */
export function draftFromCriteria(node: CriteriaNode, decimalComma = false): CriteriaDraft {
  const draft = (child: CriteriaNode) => draftFromCriteria(child, decimalComma);
  if ('not' in node) {
    const inner = draft(node.not);
    return { ...inner, negated: !inner.negated };
  }
  if ('and' in node) return criteriaGroup('and', node.and.map(draft));
  if ('or' in node) return criteriaGroup('or', node.or.map(draft));
  const condition = conditionDraft(node);
  return decimalComma ? withDecimalComma(condition) : condition;
}

function withDecimalComma(condition: CriteriaConditionDraft): CriteriaConditionDraft {
  const comma = (typed: string) => typed.replace('.', ',');
  if (condition.input === 'number')
    return { ...condition, value: comma(condition.value as string) };
  if (!['amountRange', 'numberRange'].includes(condition.input)) return condition;
  const { min, max } = condition.value as BoundsDraft;
  return { ...condition, value: { min: comma(min), max: comma(max) } };
}

function conditionDraft(condition: CriteriaCondition): CriteriaConditionDraft {
  const value = 'value' in condition ? condition.value : null;
  const type =
    typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'text';
  const input = criteriaInputOf(condition.field, condition.op, type);
  return criteriaCondition({
    field: condition.field,
    op: condition.op,
    attributeId: 'attributeId' in condition ? condition.attributeId : undefined,
    input,
    value: typedValue(input, value),
  });
}

function typedValue(input: CriteriaInput, value: unknown): DraftValue {
  const text = (bound: unknown) => (bound === undefined || bound === null ? '' : String(bound));
  const object = (value ?? {}) as Record<string, unknown>;
  switch (input) {
    case 'integerRange':
    case 'amountRange':
    case 'numberRange':
      return { min: text(object.min), max: text(object.max) };
    case 'dateRange':
      return { from: text(object.from), to: text(object.to) };
    case 'aging':
      return {
        schemeId: text(object.schemeId),
        buckets: [...((object.buckets as string[]) ?? [])],
      };
    case 'step':
      return { processId: text(object.processId), stepId: text(object.stepId) };
    case 'list':
      return [...((value as string[]) ?? [])];
    case 'flag':
      return value === true;
    case 'none':
      return null;
    default:
      return text(value);
  }
}

/** The document a draft stands for, as the API takes it. */
export function criteriaFromDraft(draft: CriteriaDraft): CriteriaNode {
  const node: CriteriaNode =
    draft.kind === 'group'
      ? ({ [draft.mode]: draft.children.map(criteriaFromDraft) } as CriteriaNode)
      : conditionFromDraft(draft);
  return draft.negated ? { not: node } : node;
}

function conditionFromDraft(draft: CriteriaConditionDraft): CriteriaNode {
  const condition: Record<string, unknown> = { field: draft.field };
  if (draft.attributeId !== undefined) condition.attributeId = draft.attributeId;
  condition.op = draft.op;
  if (draft.input !== 'none') condition.value = sentValue(draft.input, draft.value);
  return condition as CriteriaNode;
}

function sentValue(input: CriteriaInput, value: DraftValue): unknown {
  switch (input) {
    case 'integerRange':
    case 'numberRange':
      return bounds(value as BoundsDraft, typedNumber);
    case 'amountRange':
      return bounds(value as BoundsDraft, typedAmount);
    case 'dateRange': {
      const { from, to } = value as DaysDraft;
      return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
    case 'number':
      return typedNumber(value as string);
    case 'text':
      return (value as string).trim();
    case 'list':
      return (value as string[]).map((item) => item.trim()).filter(Boolean);
    default:
      return value;
  }
}

function bounds(value: BoundsDraft, read: (typed: string) => unknown) {
  const range: Record<string, unknown> = {};
  if (value.min.trim() !== '') range.min = read(value.min);
  if (value.max.trim() !== '') range.max = read(value.max);
  return range;
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * An amount as typed ("1 234,50") as the API reads it ("1234.50"). What is not an amount is sent
 * as typed, so that the API's refusal names the condition.
 */
export function typedAmount(typed: string): string {
  const compact = typed.replace(SPACES, '');
  return /^-?\d+(,\d+)?$/.test(compact) ? compact.replace(',', '.') : typed.trim();
}

/** A number as typed, with a decimal comma or point; what is not one is sent as typed. */
export function typedNumber(typed: string): number | string {
  const compact = typed.replace(SPACES, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : typed.trim();
}

/** Whether the draft has a condition anywhere. */
export function hasCriteriaCondition(draft: CriteriaDraft): boolean {
  return draft.kind === 'condition' || draft.children.some(hasCriteriaCondition);
}

/** The draft with the node of `key` replaced by what `change` makes of it. */
export function updateCriteriaNode(
  draft: CriteriaDraft,
  key: string,
  change: (node: CriteriaDraft) => CriteriaDraft,
): CriteriaDraft {
  if (draft.key === key) return change(draft);
  if (draft.kind === 'condition') return draft;
  const children = draft.children.map((child) => updateCriteriaNode(child, key, change));
  return children.every((child, i) => child === draft.children[i]) ? draft : { ...draft, children };
}

/** The draft without the node of `key` (the root itself stays). */
export function removeCriteriaNode(draft: CriteriaDraft, key: string): CriteriaDraft {
  if (draft.kind === 'condition') return draft;
  const kept = draft.children.filter((child) => child.key !== key);
  const children = kept.map((child) => removeCriteriaNode(child, key));
  const same =
    children.length === draft.children.length &&
    children.every((child, i) => child === draft.children[i]);
  return same ? draft : { ...draft, children };
}

/** The draft with `child` added at the end of the group of `groupKey`. */
export function appendCriteriaNode(
  draft: CriteriaDraft,
  groupKey: string,
  child: CriteriaDraft,
): CriteriaDraft {
  return updateCriteriaNode(draft, groupKey, (group) =>
    group.kind === 'group' ? { ...group, children: [...group.children, child] } : group,
  );
}
