import { createContainer } from 'awilix';
import { describe, expect, it } from 'vitest';
import { defineRoute } from '../../src/http/defineRoute.ts';
import type { ConnectorPluginContext } from '../../src/plugins/pluginContract.ts';
import { createPluginSession } from '../../src/plugins/pluginContext.ts';
import { PluginRegistry } from '../../src/plugins/pluginRegistry.ts';
import { captureLogger } from './pluginTestKit.ts';

const manifest = {
  name: '@acme/monity-connector-optima',
  version: '1.0.0',
  kind: 'connector' as const,
  dir: '/plugins/optima',
  entry: '/plugins/optima/index.js',
};

function session() {
  const registry = new PluginRegistry();
  const services = { container: createContainer(), logger: captureLogger().logger, registry };
  const { context, close } = createPluginSession(manifest, { company: 'ACME' }, services);
  return { registry, context: context as ConnectorPluginContext, close };
}

describe('createPluginSession', () => {
  it('gives a plugin the port of its kind and no other', () => {
    const { context } = session();

    expect(context).toMatchObject({ kind: 'connector', name: manifest.name, version: '1.0.0' });
    expect(context.config).toEqual({ company: 'ACME' });
    expect(context).not.toHaveProperty('channels');
  });

  it('refuses registrations once register has settled', () => {
    const { context, close, registry } = session();
    close();

    const late = () => context.connectors.register({ name: 'optima', system: 'comarch-optima' });

    expect(late).toThrow(expect.objectContaining({ code: 'plugin_register_failed' }));
    expect(registry.connectors.size).toBe(0);
  });

  it('refuses a contribution without a name', () => {
    const { context } = session();

    const nameless = () => context.connectors.register({ system: 'sap' } as never);

    expect(nameless).toThrow(
      expect.objectContaining({
        code: 'plugin_contribution_invalid',
        message: `Plugin ${manifest.name}: a connector needs a non-empty name`,
      }),
    );
  });

  it('lets every kind add routes and start and stop hooks while register runs', async () => {
    const { context, close, registry } = session();
    const route = defineRoute({
      method: 'GET',
      path: '/api/optima/status',
      operationId: 'getOptimaStatus',
      summary: 'Connection status',
      tags: ['optima'],
      access: 'public',
      responses: { 200: { description: 'Status' } },
      handler: () => ({ connected: true }),
    });
    const started: string[] = [];

    context.routes.register(route);
    context.lifecycle.onStart(() => void started.push('start'));
    context.lifecycle.onStop(() => void started.push('stop'));
    close();

    expect(registry.routes).toEqual([route]);
    for (const hook of [...registry.startHooks, ...registry.stopHooks]) await hook();
    expect(started).toEqual(['start', 'stop']);
    expect(() => context.lifecycle.onStart(() => undefined)).toThrow(/after its register/);
  });
});
