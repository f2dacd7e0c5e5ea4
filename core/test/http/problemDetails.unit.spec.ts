import { describe, expect, it } from 'vitest';

import { MonityError, ValidationError } from '../../src/errors.ts';
import { problemFromError, problemFromStatus } from '../../src/http/problemDetails.ts';

const context = { requestId: 'req-1', instance: '/api/invoices' };

describe('problem details', () => {
  it('hides the message of a MonityError with a 5xx status but keeps its code', () => {
    const problem = problemFromError(
      new MonityError('ledger_unavailable', 'pg at 10.0.0.7 down', 502),
      context,
    );

    expect(problem).toMatchObject({
      status: 502,
      code: 'ledger_unavailable',
      title: 'Bad Gateway',
    });
    expect(problem.detail).not.toContain('10.0.0.7');
  });

  it('turns field errors into problem errors with a detail each', () => {
    const error = new ValidationError('Invalid', [
      { pointer: '/body/nip', message: 'is required' },
    ]);

    expect(problemFromError(error, context)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid',
      code: 'validation_failed',
      requestId: 'req-1',
      instance: '/api/invoices',
      errors: [{ pointer: '/body/nip', detail: 'is required' }],
    });
  });

  it('keeps the 4xx status of a third-party HTTP error, not its message', () => {
    const error = Object.assign(new Error('secret'), { status: 403, expose: true });

    expect(problemFromError(error, context)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problemFromError(error, context).detail).not.toContain('secret');
  });

  it('treats an error with a 5xx status of its own as unexpected', () => {
    const error = Object.assign(new Error('upstream said no'), { status: 502 });

    expect(problemFromError(error, context)).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('names an empty error response by its status', () => {
    expect(problemFromStatus(501, context)).toMatchObject({ code: 'not_implemented' });
    expect(problemFromStatus(418, context)).toMatchObject({ code: 'client_error' });
  });
});
