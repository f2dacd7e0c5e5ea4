import { describe, expect, it } from 'vitest';

import { pathParameterNames, toOpenApiPath } from '../../src/http/openApiPath.ts';

describe('OpenAPI paths', () => {
  it('turns Koa parameters into path templates', () => {
    expect(toOpenApiPath('/customers/:customerId/invoices/:id')).toBe(
      '/customers/{customerId}/invoices/{id}',
    );
    expect(pathParameterNames('/customers/:customerId/invoices/:id')).toEqual(['customerId', 'id']);
  });

  it('leaves a path without parameters as it is', () => {
    expect(toOpenApiPath('/api/openapi.json')).toBe('/api/openapi.json');
  });

  it('refuses optional segments, which OpenAPI cannot express', () => {
    expect(() => toOpenApiPath('/files{/:name}')).toThrow(/Optional segments/);
  });
});
