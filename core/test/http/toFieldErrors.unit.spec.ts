import { describe, expect, it } from 'vitest';

import { compileValidator } from '../../src/http/compileValidator.ts';

describe('field errors of a request part', () => {
  const validateBody = compileValidator('body', {
    type: 'object',
    properties: {
      lines: {
        type: 'array',
        items: {
          type: 'object',
          properties: { 'net/gross': { type: 'number' } },
          required: ['net/gross', 'vat~rate'],
        },
      },
      email: { type: 'string', format: 'email' },
    },
  });

  it('points into nested arrays and escapes pointer tokens', () => {
    const errors = validateBody({ lines: [{ 'net/gross': 'ten' }], email: 'not-an-email' });

    expect(errors).toEqual([
      { pointer: '/body/lines/0/vat~0rate', message: 'is required' },
      { pointer: '/body/lines/0/net~1gross', message: 'must be number' },
      { pointer: '/body/email', message: 'must match format "email"' },
    ]);
  });

  it('points at the part itself when its root has the wrong type', () => {
    expect(validateBody([])).toEqual([{ pointer: '/body', message: 'must be object' }]);
  });

  it('does not coerce body values', () => {
    expect(validateBody({ lines: [{ 'net/gross': '10', 'vat~rate': 23 }] })).toEqual([
      { pointer: '/body/lines/0/net~1gross', message: 'must be number' },
    ]);
  });
});
