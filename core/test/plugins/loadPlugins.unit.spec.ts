import { asValue, createContainer } from 'awilix';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPlugins } from '../../src/plugins/discoverPlugins.ts';
import { loadPlugins, type LoadPluginsOptions } from '../../src/plugins/loadPlugins.ts';
import { captureLogger, fixtureRoot, installationWith } from './pluginTestKit.ts';

const smsManifest = { kind: 'channel' };
const smsPluginSource = `
import { asFunction } from 'awilix';

export function register({ name, container, channels }) {
  const connection = \`\${name}/connection\`;
  container.register(connection, asFunction(({ smsGateway }) => ({ status: smsGateway }))
    .scoped()
    .disposer(() => container.resolve('shutdownLog').push('sms connection closed')));
  channels.register({ name: 'sms', send: async () => container.resolve(connection) });
}
`;

const message = {
  id: 'msg-1',
  tenantId: 't1',
  medium: 'email' as const,
  to: 'anna@example.pl',
  body: 'Przypomnienie',
};

async function load(
  root: 'workspace' | 'broken',
  names: string[],
  options: Partial<LoadPluginsOptions> = {},
) {
  const found = await discoverPlugins({ rootDir: fixtureRoot(root) });
  const plugins = found.filter(({ name }) => names.some((wanted) => name === `@fixture/${wanted}`));
  const { logger, lines } = captureLogger();
  const container = createContainer();
  const loaded = await loadPlugins({ plugins, container, logger, ...options });
  return { ...loaded, container, lines };
}

describe('loadPlugins', () => {
  let tempRoot: string | undefined;
  afterEach(async () => {
    if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
    tempRoot = undefined;
  });

  it('registers the channel of a channel plugin under <plugin>/<name>', async () => {
    const { registry, plugins, lines } = await load('workspace', ['channel-sandbox']);

    const channel = registry.channels.get('@fixture/channel-sandbox/sandbox');
    await expect(channel?.send(message, {})).resolves.toEqual({
      status: 'sent',
      providerMessageId: 'sandbox-msg-1',
    });
    expect(plugins.map(({ name, kind }) => `${name}:${kind}`)).toEqual([
      '@fixture/channel-sandbox:channel',
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'plugin loaded',
        plugin: '@fixture/channel-sandbox',
        kind: 'channel',
        version: '1.2.0',
      }),
    );
  });

  it('loads every kind through its own port', async () => {
    const all = ['channel-sandbox', 'importer-csv', 'projections'];

    const { registry } = await load('workspace', all);

    expect([...registry.importers.keys()]).toEqual(['@fixture/importer-csv/csv']);
    expect([...registry.readModels.keys()]).toEqual(['@fixture/projections/aging']);
    expect(registry.connectors.size).toBe(0);
  });

  it('applies the defaults of the config schema and leaves the given config untouched', async () => {
    const config = { '@fixture/channel-sandbox': { prefix: 'test' }, '@fixture/importer-csv': {} };

    const { registry } = await load('workspace', ['channel-sandbox', 'importer-csv'], { config });

    expect(registry.importers.get('@fixture/importer-csv/csv')?.formats).toEqual(['csv']);
    await expect(
      registry.channels.get('@fixture/channel-sandbox/sandbox')?.send(message, {}),
    ).resolves.toMatchObject({ providerMessageId: 'test-msg-1' });
    expect(config['@fixture/importer-csv']).toEqual({});
  });

  it('refuses a bad setting in one line naming the plugin and the setting', async () => {
    const config = { '@fixture/importer-csv': { maxRows: 'many' } };

    const loading = load('workspace', ['channel-sandbox', 'importer-csv'], { config });

    await expect(loading).rejects.toMatchObject({
      code: 'plugin_config_invalid',
      message: 'Plugin @fixture/importer-csv: setting "maxRows" must be integer',
    });
  });

  it('runs no plugin code when any configuration is bad', async () => {
    const { logger, lines } = captureLogger();
    const plugins = await discoverPlugins({ rootDir: fixtureRoot('workspace') });
    const config = { '@fixture/projections': { unexpected: true }, '@fixture/importer-csv': [] };

    const loading = loadPlugins({ plugins, config, container: createContainer(), logger });

    await expect(loading).rejects.toMatchObject({ code: 'plugin_config_invalid' });
    expect(lines.filter(({ msg }) => msg === 'plugin loaded')).toEqual([]);
  });

  it('keeps what a plugin registers in its scope out of the root container', async () => {
    const { registry, container } = await load('workspace', ['channel-sandbox']);

    const send = registry.channels.get('@fixture/channel-sandbox/sandbox')?.send(message, {});

    // The channel resolves its outbox from the plugin's scope; the root must not see it.
    await expect(send).resolves.toMatchObject({ status: 'sent' });
    expect(container.hasRegistration('@fixture/channel-sandbox/outbox')).toBe(false);
  });

  /** An npm package in JavaScript, as third parties ship them, using the root's services. */
  async function loadSmsPlugin() {
    tempRoot = await installationWith(
      {
        '@acme/monity-plugin-sms': {
          packageJson: { version: '2.0.0', type: 'module', main: 'index.js', monity: smsManifest },
          files: { 'index.js': smsPluginSource },
        },
      },
      ['awilix'],
    );
    const container = createContainer().register({
      smsGateway: asValue('queued'),
      shutdownLog: asValue([]),
    });
    const plugins = await discoverPlugins({
      rootDir: tempRoot,
      packages: ['@acme/monity-plugin-sms'],
    });
    const loaded = await loadPlugins({ plugins, container, logger: captureLogger().logger });
    return { ...loaded, container };
  }

  it('gives plugins the services of the root container through their scope', async () => {
    const { registry } = await loadSmsPlugin();

    const sms = registry.channels.get('@acme/monity-plugin-sms/sms');

    await expect(sms?.send(message, {})).resolves.toEqual({ status: 'queued' });
  });

  it('disposes the scopes of the plugins on shutdown', async () => {
    const { dispose, container, registry } = await loadSmsPlugin();
    await registry.channels.get('@acme/monity-plugin-sms/sms')?.send(message, {});

    await dispose();

    expect(container.resolve('shutdownLog')).toEqual(['sms connection closed']);
  });

  it('warns about configuration under a name no plugin has', async () => {
    const config = { '@fixture/chanel-sandbox': {} };

    const { lines } = await load('workspace', ['channel-sandbox'], { config });

    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, plugin: '@fixture/chanel-sandbox' }),
    );
  });
});

describe('loadPlugins refuses a broken plugin', () => {
  it.each([
    ['unknown-kind', 'plugin_manifest_invalid', 'unknown kind "webhook", expected one of'],
    ['bad-schema', 'plugin_manifest_invalid', 'configSchema is not a valid JSON Schema'],
    ['no-register', 'plugin_entry_invalid', 'src/index.ts does not export a register function'],
    ['duplicate-channel', 'plugin_duplicate', 'channel "email" is registered twice'],
    ['failing-register', 'plugin_register_failed', 'register() failed: ERP host unreachable'],
  ])('%s', async (name, code, problem) => {
    const loading = load('broken', [name]);

    await expect(loading).rejects.toMatchObject({
      code,
      message: expect.stringContaining(`Plugin @fixture/${name}: ${problem}`),
    });
  });

  it('keeps the error a failing register threw as the cause', async () => {
    const error = await load('broken', ['failing-register']).catch((e: unknown) => e);

    expect((error as Error).cause).toMatchObject({ message: 'ERP host unreachable' });
  });
});
