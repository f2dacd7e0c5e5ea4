import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { createContainer } from 'awilix';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { endEventStreams } from '../../src/http/eventStream.ts';
import { createHttpApp, createOpenApiDocument, defineRoute } from '../../src/http/index.ts';

const ticks = defineRoute({
  method: 'GET',
  path: '/api/ticks',
  operationId: 'followTicks',
  summary: 'Ticks',
  tags: ['test'],
  access: 'public',
  responses: { 200: { description: 'A tick now and then', contentType: 'text/event-stream' } },
  handler: () => {
    const stream = new PassThrough();
    stream.write('data: tick\n\n');
    return stream;
  },
});

describe('an event-stream route', () => {
  it('is described by its media type in the OpenAPI document', () => {
    const operation = createOpenApiDocument([ticks]).paths['/api/ticks']!.get as {
      responses: Record<string, unknown>;
    };

    expect(operation.responses['200']).toEqual({
      description: 'A tick now and then',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    });
  });

  it('streams unbuffered until the server stops, which ends it', async () => {
    const logger = pino({ level: 'silent' });
    const app = createHttpApp({
      container: createContainer(),
      logger,
      routes: [ticks],
      checkReadiness: async () => {},
    });
    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const response = await fetch(`http://127.0.0.1:${port}/api/ticks`);
    const reader = response.body!.getReader();
    const first = await reader.read();

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(new TextDecoder().decode(first.value)).toBe('data: tick\n\n');

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    endEventStreams(app);
    expect((await reader.read()).done).toBe(true);
    await closed;
  });
});
