import { describe, expect, it } from 'vitest';
import { ValidationError, type FieldError } from '../../src/errors.ts';
import { CRITERIA_FIELDS, validateCriteria } from '../../src/groups/criteria.ts';

const PROCESS = '0190a4c2-7d1e-7a51-9c3e-2f4b6d8e0a11';
const STEP = '0190a4c2-7d1e-7a51-9c3e-2f4b6d8e0a12';

/** The problems a document is refused for, or none when it is accepted. */
function problems(document: unknown): FieldError[] {
  try {
    validateCriteria(document, '/body/criteria');
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors;
  }
}

describe('criteria on collection progress and contacts', () => {
  it('are listed for the group editor with their operators', () => {
    expect(CRITERIA_FIELDS).toContainEqual({
      field: 'processStep',
      ops: ['reached', 'notReached'],
    });
    expect(CRITERIA_FIELDS).toContainEqual({ field: 'contacted', ops: ['is'] });
  });

  it('take a process and one of its steps, and whether the customer was contacted', () => {
    const step = { processId: PROCESS, stepId: STEP };
    for (const document of [
      { field: 'processStep', op: 'reached', value: step },
      { field: 'processStep', op: 'notReached', value: step },
      { field: 'contacted', op: 'is', value: false },
      { not: { field: 'contacted', op: 'is', value: true } },
      {
        or: [
          { field: 'processStep', op: 'reached', value: step },
          { field: 'contacted', op: 'is', value: true },
        ],
      },
    ]) {
      expect(problems(document), JSON.stringify(document)).toEqual([]);
    }
  });

  it('refuses ids that are not UUIDs, a missing step and anything more, each by its pointer', () => {
    expect(
      problems({
        field: 'processStep',
        op: 'reached',
        value: { processId: "1' OR '1'='1", stepId: STEP },
      }),
    ).toEqual([{ pointer: '/body/criteria/value/processId', message: 'must match format "uuid"' }]);
    expect(
      problems({ field: 'processStep', op: 'notReached', value: { processId: PROCESS } }),
    ).toEqual([{ pointer: '/body/criteria/value/stepId', message: 'is required' }]);
    expect(
      problems({
        field: 'processStep',
        op: 'reached',
        value: { processId: PROCESS, stepId: STEP, step: 3 },
      }),
    ).toEqual([{ pointer: '/body/criteria/value/step', message: 'is not allowed' }]);
    expect(
      problems({ field: 'processStep', op: 'reached', value: [PROCESS, STEP] }),
    ).toContainEqual({ pointer: '/body/criteria/value', message: 'must be object' });
    expect(
      problems({ field: 'processStep', op: 'passed', value: { processId: PROCESS, stepId: STEP } }),
    ).toContainEqual(expect.objectContaining({ pointer: '/body/criteria/op' }));
  });

  it('refuses a contact condition without a yes or no, or with more than the condition', () => {
    expect(problems({ field: 'contacted', op: 'is', value: 'never' })).toEqual([
      { pointer: '/body/criteria/value', message: 'must be boolean' },
    ]);
    expect(problems({ field: 'contacted', op: 'is' })).toEqual([
      { pointer: '/body/criteria/value', message: 'is required' },
    ]);
    expect(
      problems({ field: 'contacted', op: 'is', value: false, since: '2026-01-01' }),
    ).toContainEqual(expect.objectContaining({ pointer: '/body/criteria/since' }));
  });
});
