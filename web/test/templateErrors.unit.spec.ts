import { describe, expect, it } from 'vitest';
import { offsetAt, templateProblems } from '../app/utils/templateErrors.ts';

describe("a template draft's refusals", () => {
  it('are placed at their field with the line and column Liquid gave', () => {
    const { fields, other } = templateProblems([
      { pointer: '/body/html', message: 'line 3, column 14: undefined filter: mony' },
      { pointer: '/body/html', message: 'line 7, column 1: unknown variable customer.nme' },
      { pointer: '/body/subject', message: 'a template for email needs subject' },
      { pointer: '/body/customerId', message: 'must match format "uuid"' },
    ]);

    expect(fields.html).toEqual([
      { line: 3, column: 14, message: 'undefined filter: mony' },
      { line: 7, column: 1, message: 'unknown variable customer.nme' },
    ]);
    expect(fields.subject).toEqual([{ message: 'a template for email needs subject' }]);
    expect(fields.text).toBeUndefined();
    expect(other).toEqual({ customerId: 'must match format "uuid"' });
  });

  it('keep a message that spans lines whole', () => {
    const { fields } = templateProblems([
      { pointer: '/body/text', message: 'line 1, column 2: tag "for" not closed,\n{% for' },
    ]);

    expect(fields.text?.[0]?.message).toBe('tag "for" not closed,\n{% for');
  });
});

describe('a line and column in a source', () => {
  const source = 'Dzień dobry,\n{{ customer.nme }}\nPozdrawiamy';

  it('is the offset of that character', () => {
    expect(offsetAt(source, 1, 1)).toBe(0);
    expect(source.slice(offsetAt(source, 2, 4))).toMatch(/^customer\.nme/);
    expect(source.slice(offsetAt(source, 3, 1))).toBe('Pozdrawiamy');
  });

  it('stays within the source and the line when it points past them', () => {
    expect(offsetAt(source, 2, 99)).toBe(source.indexOf('\nPozdrawiamy'));
    expect(offsetAt(source, 9, 1)).toBe(source.length);
  });
});
