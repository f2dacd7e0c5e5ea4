import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ValidationError, type FieldError } from '../errors.ts';
import { toFieldErrors } from '../http/toFieldErrors.ts';

/**
 * A collection group's criteria: conditions on an open invoice and on its customer, combined
 * with `and`, `or` and `not`. An invoice matches when the whole tree holds for it; a customer is
 * a member when at least one of their open invoices matches.
 *
 * @example
 * ```json
 * { "and": [
 *   { "field": "currency", "op": "in", "value": ["PLN"] },
 *   { "field": "daysOverdue", "op": "between", "value": { "min": 30 } },
 *   { "or": [
 *     { "field": "category", "op": "noneOf", "value": ["6f1c…"] },
 *     { "field": "customerOverdue", "op": "between", "value": { "min": "5000.00" } } ] } ] }
 * ```
 */
export type CriteriaNode =
  { and: CriteriaNode[] } | { or: CriteriaNode[] } | { not: CriteriaNode } | Condition;

export type Condition =
  | { field: 'currency' | 'country' | 'city'; op: 'in' | 'notIn'; value: string[] }
  | { field: 'daysOverdue' | 'overdueInvoices'; op: 'between'; value: IntegerRange }
  | { field: 'dueDate' | 'issueDate'; op: 'between'; value: DateRange }
  | { field: 'amount' | 'openAmount' | 'customerOverdue'; op: 'between'; value: AmountRange }
  | { field: 'agingBucket'; op: 'in'; value: { schemeId: string; buckets: string[] } }
  | { field: 'category'; op: 'anyOf' | 'noneOf'; value: string[] }
  | { field: 'hasEmail' | 'hasPhone'; op: 'is'; value: boolean }
  | { field: 'lastPayment'; op: 'noneSince'; value: string }
  | { field: 'processStep'; op: 'reached' | 'notReached'; value: ProcessStepRef }
  | { field: 'contacted'; op: 'is'; value: boolean }
  | AttributeCondition;

type AttributeCondition =
  | { field: 'attribute'; attributeId: string; op: 'isSet' | 'isNotSet' }
  | { field: 'attribute'; attributeId: string; op: 'equals'; value: string | number | boolean }
  | { field: 'attribute'; attributeId: string; op: 'in'; value: string[] }
  | {
      field: 'attribute';
      attributeId: string;
      op: 'between';
      value: { min?: number; max?: number };
    };

interface IntegerRange {
  min?: number;
  max?: number;
}
interface DateRange {
  from?: string;
  to?: string;
}
/**
 * A step of a collection process, by the ids the process definition gives them. Ids of no
 * process, or a step of another process, are not refused: they match no invoice.
 */
interface ProcessStepRef {
  processId: string;
  stepId: string;
}
/** Decimal strings in the invoice's currency, such as `"100.00"`. */
interface AmountRange {
  min?: string;
  max?: string;
}

/** What a group selects: criteria, maybe one currency, and whether excluded customers count. */
export interface GroupSelection {
  criteria: CriteriaNode;
  /** Only invoices in this currency. */
  currency?: string;
  /** Customers excluded from collection are always left out unless this is true. */
  includeExcluded?: boolean;
}

/** Deepest nesting of `and`/`or`/`not` a document may have, and most conditions in all. */
const CRITERIA_LIMITS = { depth: 6, conditions: 100, listItems: 500 } as const;

const uuid = { type: 'string', format: 'uuid' } as const;
const day = { type: 'string', format: 'date' } as const;
const amount = { type: 'string', pattern: '^-?[0-9]{1,15}([.,][0-9]{1,4})?$' } as const;
const integer = { type: 'integer', minimum: -100_000, maximum: 100_000 } as const;
const shortText = { type: 'string', minLength: 1, maxLength: 200 } as const;
const list = (items: object) => ({
  type: 'array',
  minItems: 1,
  maxItems: CRITERIA_LIMITS.listItems,
  items,
});
const processStep = {
  type: 'object',
  additionalProperties: false,
  required: ['processId', 'stepId'],
  properties: { processId: uuid, stepId: uuid },
} as const;
const range = (bound: object, from: string, to: string) => ({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { [from]: bound, [to]: bound },
});

/** Each field with the operators it allows and the value each operator takes. */
const fieldSchemas: Record<string, Record<string, object | null>> = {
  currency: { in: list({ type: 'string', pattern: '^[A-Z]{3}$' }) },
  country: { in: list({ type: 'string', pattern: '^[A-Z]{2}$' }) },
  city: { in: list(shortText) },
  daysOverdue: { between: range(integer, 'min', 'max') },
  overdueInvoices: { between: range({ ...integer, minimum: 0 }, 'min', 'max') },
  dueDate: { between: range(day, 'from', 'to') },
  issueDate: { between: range(day, 'from', 'to') },
  amount: { between: range(amount, 'min', 'max') },
  openAmount: { between: range(amount, 'min', 'max') },
  customerOverdue: { between: range(amount, 'min', 'max') },
  agingBucket: {
    in: {
      type: 'object',
      additionalProperties: false,
      required: ['schemeId', 'buckets'],
      properties: { schemeId: uuid, buckets: list(shortText) },
    },
  },
  category: { anyOf: list(uuid), noneOf: list(uuid) },
  hasEmail: { is: { type: 'boolean' } },
  hasPhone: { is: { type: 'boolean' } },
  lastPayment: { noneSince: day },
  processStep: { reached: processStep, notReached: processStep },
  contacted: { is: { type: 'boolean' } },
  attribute: {
    isSet: null,
    isNotSet: null,
    equals: { type: ['string', 'number', 'boolean'], maxLength: 200 },
    in: list(shortText),
    between: range({ type: 'number' }, 'min', 'max'),
  },
};
for (const field of ['currency', 'country', 'city']) {
  fieldSchemas[field]!.notIn = fieldSchemas[field]!.in!;
}

/** The fields and operators criteria may use, as the group editor lists them. */
export const CRITERIA_FIELDS = Object.entries(fieldSchemas).map(([field, ops]) => ({
  field,
  ops: Object.keys(ops),
}));

function conditionSchema(field: string, ops: Record<string, object | null>) {
  const opNames = Object.keys(ops);
  const base = { field: { const: field }, op: { enum: opNames } };
  const extra = field === 'attribute' ? { attributeId: uuid } : {};
  return {
    if: { required: ['field'], properties: { field: { const: field } } },
    then: {
      required: ['op', ...Object.keys(extra)],
      properties: { ...base, ...extra, value: true },
      allOf: opNames.map((op) => ({
        if: { required: ['op'], properties: { op: { const: op } } },
        then:
          ops[op] === null
            ? { not: { required: ['value'] } }
            : {
                required: ['value'],
                properties: { value: ops[op] },
              },
      })),
    },
  };
}

const nodes = { type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/$defs/node' } };

/** The JSON Schema of a criteria document (the depth is checked before, see `validateCriteria`). */
const criteriaSchema = {
  $id: 'monity:criteria',
  $ref: '#/$defs/node',
  $defs: {
    node: {
      type: 'object',
      if: { required: ['field'] },
      then: { $ref: '#/$defs/condition' },
      else: {
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: { and: nodes, or: nodes, not: { $ref: '#/$defs/node' } },
      },
    },
    condition: {
      type: 'object',
      required: ['field'],
      additionalProperties: false,
      properties: {
        field: { enum: Object.keys(fieldSchemas) },
        op: true,
        value: true,
        attributeId: true,
      },
      allOf: Object.entries(fieldSchemas).map(([field, ops]) => conditionSchema(field, ops)),
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSchema = ajv.compile(criteriaSchema);

/**
 * Checks a criteria document, addressing each problem from `pointer` (such as
 * `/body/criteria`). Depth and size are measured first, without recursion, so a document
 * nested a million levels deep is refused before any validator walks it.
 */
export function validateCriteria(document: unknown, pointer: string): CriteriaNode {
  const errors = measure(document, pointer);
  if (errors.length === 0 && !validateSchema(document)) {
    const part = pointer.replace(/^\//, '');
    errors.push(...toFieldErrors(part, validateSchema.errors ?? []).filter(usefulError));
  }
  if (errors.length > 0) throw new ValidationError('The criteria are not valid.', errors);
  return document as CriteriaNode;
}

// `if` failures only say that a `then` branch failed; the branch's own errors say what.
const usefulError = (error: FieldError) => !/must match "(then|else)" schema/.test(error.message);

function measure(document: unknown, pointer: string): FieldError[] {
  let conditions = 0;
  const stack: { node: unknown; depth: number; at: string }[] = [
    { node: document, depth: 0, at: pointer },
  ];
  while (stack.length > 0) {
    const { node, depth, at } = stack.pop()!;
    if (depth > CRITERIA_LIMITS.depth) {
      return [{ pointer: at, message: `nests deeper than ${CRITERIA_LIMITS.depth} levels` }];
    }
    if (typeof node !== 'object' || node === null) continue;
    if ('field' in node) {
      conditions += 1;
      if (conditions > CRITERIA_LIMITS.conditions) {
        return [{ pointer, message: `has more than ${CRITERIA_LIMITS.conditions} conditions` }];
      }
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'not') stack.push({ node: child, depth: depth + 1, at: `${at}/not` });
      else if (Array.isArray(child)) {
        if (child.length > 50) continue; // the schema reports the length
        child.forEach((item, i) =>
          stack.push({ node: item, depth: depth + 1, at: `${at}/${key}/${i}` }),
        );
      }
    }
  }
  return [];
}
