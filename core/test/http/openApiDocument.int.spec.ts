import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import corePackage from '../../package.json' with { type: 'json' };
import type { JsonSchema, OpenApiDocument } from '../../src/http/index.ts';
import { startTestServer, type TestServer } from './startTestServer.ts';
import { newInvoiceSchema, testRoutes } from './testRoutes.ts';

interface Operation {
  operationId: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Record<string, unknown>>;
}

interface Document extends OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

describe('OpenAPI document', () => {
  let server: TestServer;
  let document: Document;
  beforeAll(async () => {
    server = await startTestServer({ routes: testRoutes });
    document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Document;
  });
  afterAll(() => server.close());

  function operationAt(path: string, method: string): Operation {
    const operation = document.paths[path]?.[method];
    if (!operation) throw new Error(`The document has no ${method} ${path}`);
    return operation;
  }

  it('is OpenAPI 3.1 describing Monity at the version of core', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual({ title: 'Monity API', version: corePackage.version });
  });

  it('lists every route, the health checks included, with OpenAPI path templates', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/conflict',
      '/api/crash',
      '/api/customers/{customerId}/invoices',
      '/api/invoices',
      '/api/whoami',
      '/health',
      '/ready',
    ]);
  });

  it('describes the request with the very schemas that validate it', () => {
    const operation = operationAt('/api/customers/{customerId}/invoices', 'post');

    expect(operation.operationId).toBe('createInvoice');
    expect(operation.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: newInvoiceSchema } },
    });
    expect(operation.parameters).toEqual([
      {
        name: 'customerId',
        in: 'path',
        required: true,
        schema: { type: 'integer', minimum: 1 },
      },
    ]);
  });

  it('describes query parameters one by one', () => {
    const { parameters } = operationAt('/api/invoices', 'get');

    expect(parameters).toContainEqual({
      name: 'overdue',
      in: 'query',
      required: false,
      description: 'Only overdue invoices',
      schema: { type: 'boolean', description: 'Only overdue invoices' },
    });
  });

  it('answers every failure with the Problem schema', () => {
    const { responses } = operationAt('/api/conflict', 'get');

    expect(responses.default).toEqual({ $ref: '#/components/responses/Problem' });
    expect(responses['409']?.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    expect(document.components.schemas.Problem?.required).toContain('code');
  });

  it('gives each operation the fields OpenAPI requires', () => {
    for (const pathItem of Object.values(document.paths)) {
      for (const operation of Object.values(pathItem)) {
        expect(operation).toMatchObject({ operationId: expect.any(String), responses: {} });
        for (const response of Object.values(operation.responses)) {
          expect(response.description ?? response.$ref).toEqual(expect.any(String));
        }
      }
    }
  });
});
