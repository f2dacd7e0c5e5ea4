import type { Attribute, GroupField } from '@monity/sdk';
import { describe, expect, it } from 'vitest';
import {
  criteriaOpsOf,
  criteriaWithOp,
  daysBefore,
  newCriteriaCondition,
  type CriteriaContext,
} from '../app/utils/criteriaDefaults.ts';
import { criteriaFromDraft } from '../app/utils/criteriaDraft.ts';

// As GET /api/group-fields lists them.
const FIELDS: GroupField[] = [
  { field: 'currency', ops: ['in', 'notIn'] },
  { field: 'daysOverdue', ops: ['between'] },
  { field: 'agingBucket', ops: ['in'] },
  { field: 'lastPayment', ops: ['noneSince'] },
  { field: 'processStep', ops: ['reached', 'notReached'] },
  { field: 'contacted', ops: ['is'] },
  { field: 'attribute', ops: ['isSet', 'isNotSet', 'equals', 'in', 'between'] },
];
const KEEPER: Attribute = { id: 'a-keeper', name: 'Opiekun', type: 'choice', choices: ['Anna'] };
const LIMIT: Attribute = { id: 'a-limit', name: 'Limit kredytowy', type: 'number' };
const CONTEXT: CriteriaContext = {
  today: '2026-03-01',
  currency: 'PLN',
  scheme: { id: 's-default', overdueBucket: '1-30' },
  attributes: [KEEPER, LIMIT],
};

describe('a new condition', () => {
  it('selects something at once: overdue invoices, the company currency, 30 days unpaid', () => {
    const condition = (field: string) =>
      criteriaFromDraft(newCriteriaCondition(FIELDS, field, CONTEXT));
    expect(condition('daysOverdue')).toEqual({
      field: 'daysOverdue',
      op: 'between',
      value: { min: 1 },
    });
    expect(condition('currency')).toEqual({ field: 'currency', op: 'in', value: ['PLN'] });
    expect(condition('lastPayment')).toEqual({
      field: 'lastPayment',
      op: 'noneSince',
      value: '2026-01-30',
    });
    expect(condition('agingBucket')).toEqual({
      field: 'agingBucket',
      op: 'in',
      value: { schemeId: 's-default', buckets: ['1-30'] },
    });
  });

  it("offers an attribute's operators by its type, and a value of that type", () => {
    expect(criteriaOpsOf(FIELDS, 'attribute', KEEPER)).toEqual([
      'in',
      'equals',
      'isSet',
      'isNotSet',
    ]);
    expect(criteriaOpsOf(FIELDS, 'attribute', LIMIT)).toEqual([
      'between',
      'equals',
      'isSet',
      'isNotSet',
    ]);
    const keeper = newCriteriaCondition(FIELDS, 'attribute', CONTEXT, KEEPER.id);
    expect(criteriaFromDraft(keeper)).toEqual({
      field: 'attribute',
      attributeId: KEEPER.id,
      op: 'in',
      value: ['Anna'],
    });

    const limit = newCriteriaCondition(FIELDS, 'attribute', CONTEXT, LIMIT.id);
    const equals = criteriaWithOp({ ...limit, value: { min: '', max: '' } }, 'equals', CONTEXT);
    expect(criteriaFromDraft({ ...equals, value: '12 500,50' })).toMatchObject({
      op: 'equals',
      value: 12500.5,
    });
    expect(criteriaFromDraft(criteriaWithOp(limit, 'isSet', CONTEXT))).toEqual({
      field: 'attribute',
      attributeId: LIMIT.id,
      op: 'isSet',
    });
  });

  it('starts at the first step of the first process, among customers not yet contacted', () => {
    const step = { processId: 'p-standard', stepId: 's-reminder' };
    const withProcess = { ...CONTEXT, step };
    expect(criteriaFromDraft(newCriteriaCondition(FIELDS, 'processStep', withProcess))).toEqual({
      field: 'processStep',
      op: 'reached',
      value: step,
    });
    const reached = newCriteriaCondition(FIELDS, 'processStep', withProcess);
    expect(criteriaWithOp(reached, 'notReached', withProcess).value).toEqual(step);
    // Without a process there is nothing to choose: the API names the empty ids.
    expect(newCriteriaCondition(FIELDS, 'processStep', CONTEXT).value).toEqual({
      processId: '',
      stepId: '',
    });
    expect(criteriaFromDraft(newCriteriaCondition(FIELDS, 'contacted', CONTEXT))).toEqual({
      field: 'contacted',
      op: 'is',
      value: false,
    });
  });

  it('keeps what was typed when the operator changes but the input stays', () => {
    const currency = newCriteriaCondition(FIELDS, 'currency', CONTEXT);
    const typed = { ...currency, value: ['EUR', 'USD'] };
    expect(criteriaWithOp(typed, 'notIn', CONTEXT).value).toEqual(['EUR', 'USD']);
  });

  it('counts days back across a month and a leap day', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2028-03-01', 1)).toBe('2028-02-29');
  });
});
