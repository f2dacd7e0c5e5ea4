import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createContainer } from 'awilix';
import { pino } from 'pino';

import type { Principal } from '../../src/access/principal.ts';
import { permissionsOf, type Role } from '../../src/access/roles.ts';
import { createHttpApp, type HttpAppOptions } from '../../src/http/index.ts';

export interface TestServer {
  url: string;
  /** Every line the app logged, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Authenticates every request as an API key of `role` in one tenant, for tests of routes. */
export function actingAs(role: Role, tenantId = '00000000-0000-4000-8000-000000000001') {
  const principal: Principal = {
    kind: 'api_key',
    id: '00000000-0000-4000-8000-0000000000aa',
    name: 'test key',
    tenantId,
    role,
    permissions: permissionsOf(role),
  };
  const middleware: NonNullable<HttpAppOptions['authenticate']> = async (ctx, next) => {
    ctx.state.principal = principal;
    await next();
  };
  return middleware;
}

/** The HTTP app on a real socket (port 0), logging into memory. */
export async function startTestServer(options: Partial<HttpAppOptions> = {}): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const app = createHttpApp({
    container: createContainer(),
    logger,
    routes: [],
    checkReadiness: async () => {},
    ...options,
  });

  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
