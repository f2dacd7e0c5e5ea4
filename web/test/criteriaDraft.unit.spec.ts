import type { CriteriaNode } from '@monity/sdk';
import { describe, expect, it } from 'vitest';
import {
  appendCriteriaNode,
  criteriaCondition,
  criteriaFromDraft,
  criteriaGroup,
  draftFromCriteria,
  hasCriteriaCondition,
  removeCriteriaNode,
  typedAmount,
  typedNumber,
  updateCriteriaNode,
  type CriteriaConditionDraft,
  type CriteriaGroupDraft,
} from '../app/utils/criteriaDraft.ts';
import { criteriaPointers, placeCriteriaErrors } from '../app/utils/criteriaErrors.ts';

const CATEGORY = '6f1c0000-0000-4000-8000-000000000001';
const ATTRIBUTE = '6f1c0000-0000-4000-8000-000000000002';
const PROCESS = '6f1c0000-0000-4000-8000-000000000003';
const STEP = '6f1c0000-0000-4000-8000-000000000004';

const DOCUMENT: CriteriaNode = {
  and: [
    { field: 'currency', op: 'in', value: ['PLN'] },
    { field: 'daysOverdue', op: 'between', value: { min: 30 } },
    {
      not: {
        or: [
          { field: 'category', op: 'anyOf', value: [CATEGORY] },
          { field: 'customerOverdue', op: 'between', value: { min: '5000.00' } },
        ],
      },
    },
    { field: 'attribute', attributeId: ATTRIBUTE, op: 'equals', value: true },
    { field: 'attribute', attributeId: ATTRIBUTE, op: 'isSet' },
    { field: 'lastPayment', op: 'noneSince', value: '2026-09-01' },
    { field: 'processStep', op: 'notReached', value: { processId: PROCESS, stepId: STEP } },
    { not: { field: 'contacted', op: 'is', value: true } },
  ],
};

const daysOverdue = (min: string, max = '') =>
  criteriaCondition({
    field: 'daysOverdue',
    op: 'between',
    input: 'integerRange',
    value: { min, max },
  });

describe('a criteria draft', () => {
  it('stands for the document it was made of', () => {
    expect(criteriaFromDraft(draftFromCriteria(DOCUMENT))).toEqual(DOCUMENT);
  });

  it('reads each value into the input that edits it', () => {
    const root = draftFromCriteria(DOCUMENT) as CriteriaGroupDraft;
    const [currency, days, excluded, flag, isSet] = root.children as CriteriaConditionDraft[];
    expect([currency!.input, currency!.value]).toEqual(['list', ['PLN']]);
    expect([days!.input, days!.value]).toEqual(['integerRange', { min: '30', max: '' }]);
    expect(excluded).toMatchObject({ kind: 'group', mode: 'or', negated: true });
    expect([flag!.input, flag!.value]).toEqual(['flag', true]);
    expect([isSet!.input, isSet!.value]).toEqual(['none', null]);
    const [step, contacted] = root.children.slice(-2) as CriteriaConditionDraft[];
    expect([step!.input, step!.value]).toEqual(['step', { processId: PROCESS, stepId: STEP }]);
    expect(contacted).toMatchObject({ input: 'flag', value: true, negated: true });
  });

  it('turns a not of a not back into the node itself', () => {
    const draft = draftFromCriteria({ not: { not: { field: 'hasEmail', op: 'is', value: true } } });
    expect(criteriaFromDraft(draft)).toEqual({ field: 'hasEmail', op: 'is', value: true });
  });

  it('sends amounts and numbers as the API reads them, and the rest as typed', () => {
    expect(typedAmount(' 1 234,50 ')).toBe('1234.50');
    expect(typedAmount('1\u00a0000')).toBe('1000');
    expect(typedAmount('tysiąc')).toBe('tysiąc');
    expect(typedNumber('2,5')).toBe(2.5);
    expect(typedNumber('-30')).toBe(-30);
    expect(typedNumber('30 dni')).toBe('30 dni');
  });

  it('shows amounts and numbers with a decimal comma for Polish, and sends them back alike', () => {
    const document: CriteriaNode = {
      or: [
        { field: 'openAmount', op: 'between', value: { min: '2000.50' } },
        { field: 'attribute', attributeId: ATTRIBUTE, op: 'equals', value: 2.5 },
      ],
    };
    const root = draftFromCriteria(document, true) as CriteriaGroupDraft;
    expect(root.children.map((child) => (child as CriteriaConditionDraft).value)).toEqual([
      { min: '2000,50', max: '' },
      '2,5',
    ]);
    expect(criteriaFromDraft(root)).toEqual(document);
  });

  it('leaves out a bound left empty', () => {
    const from = criteriaCondition({
      field: 'dueDate',
      op: 'between',
      input: 'dateRange',
      value: { from: '2026-01-01', to: '' },
    });
    expect(criteriaFromDraft(from)).toEqual({
      field: 'dueDate',
      op: 'between',
      value: { from: '2026-01-01' },
    });
    expect(criteriaFromDraft(daysOverdue('', '60'))).toMatchObject({ value: { max: 60 } });
  });
});

describe('editing a criteria draft', () => {
  it('adds a condition to a nested group, changes it and removes it', () => {
    const inner = criteriaGroup('or', [daysOverdue('1')]);
    const root = criteriaGroup('and', [daysOverdue('30'), inner]);
    const added = daysOverdue('90');

    const withAdded = appendCriteriaNode(root, inner.key, added);
    expect(criteriaFromDraft(withAdded)).toEqual({
      and: [
        { field: 'daysOverdue', op: 'between', value: { min: 30 } },
        {
          or: [
            { field: 'daysOverdue', op: 'between', value: { min: 1 } },
            { field: 'daysOverdue', op: 'between', value: { min: 90 } },
          ],
        },
      ],
    });

    const changed = updateCriteriaNode(withAdded, added.key, (node) => ({
      ...node,
      negated: true,
    }));
    expect(criteriaFromDraft(changed)).toMatchObject({
      and: [{}, { or: [{}, { not: { value: { min: 90 } } }] }],
    });
    expect(removeCriteriaNode(changed, added.key)).toEqual(root);
  });

  it('keeps the nodes an edit did not touch, so their lists do not render again', () => {
    const untouched = criteriaGroup('or', [daysOverdue('1')]);
    const edited = daysOverdue('30');
    const root = criteriaGroup('and', [edited, untouched]);
    const next = updateCriteriaNode(root, edited.key, (node) => ({ ...node, negated: true }));
    expect((next as CriteriaGroupDraft).children[1]).toBe(untouched);
    expect(removeCriteriaNode(root, 'no such key')).toBe(root);
  });

  it('knows when there is nothing to preview yet', () => {
    expect(hasCriteriaCondition(criteriaGroup('and', [criteriaGroup('or')]))).toBe(false);
    expect(hasCriteriaCondition(criteriaGroup('and', [daysOverdue('1')]))).toBe(true);
  });
});

describe('errors of the API at the conditions they name', () => {
  const inner = criteriaGroup('or', [daysOverdue('1'), daysOverdue('abc')], true);
  const first = daysOverdue('30');
  const root = criteriaGroup('and', [first, inner]);
  const pointers = criteriaPointers(root, '/body/criteria');

  it('addresses each node as the document made of the draft has it', () => {
    expect(pointers.get(root.key)).toBe('/body/criteria');
    expect(pointers.get(first.key)).toBe('/body/criteria/and/0');
    expect(pointers.get(inner.key)).toBe('/body/criteria/and/1');
    expect(pointers.get(inner.children[1]!.key)).toBe('/body/criteria/and/1/not/or/1');
  });

  it('puts an error at the deepest node its pointer is inside', () => {
    const placed = placeCriteriaErrors(
      [
        { pointer: '/body/criteria/and/1/not/or/1/value/min', message: 'must be integer' },
        { pointer: '/body/criteria/and/1/not/or', message: 'must NOT have fewer than 1 items' },
        { pointer: '/body/criteria/and/10', message: 'not a node of this draft' },
        { pointer: '/body/currency', message: 'must match pattern "^[A-Z]{3}$"' },
      ],
      pointers,
    );
    expect(placed.byKey).toEqual({
      [inner.children[1]!.key]: ['must be integer'],
      [inner.key]: ['must NOT have fewer than 1 items'],
      [root.key]: ['not a node of this draft'],
    });
    expect(placed.elsewhere).toEqual([
      { pointer: '/body/currency', message: 'must match pattern "^[A-Z]{3}$"' },
    ]);
  });
});
