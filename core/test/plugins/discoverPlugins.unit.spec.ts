import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPlugins } from '../../src/plugins/discoverPlugins.ts';
import { fixtureRoot, installationWith, writeFiles } from './pluginTestKit.ts';

const smsPlugin = {
  version: '2.0.0',
  type: 'module',
  // Hides package.json from Node's resolution: discovery must find it all the same.
  exports: { '.': './index.js' },
  monity: { kind: 'channel' },
};

describe('discoverPlugins', () => {
  const roots: string[] = [];
  const installed = async (...args: Parameters<typeof installationWith>) => {
    const root = await installationWith(...args);
    roots.push(root);
    return root;
  };
  afterEach(async () => {
    await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
  });

  it('finds workspace plugins and the read side, sorted by name, and skips other packages', async () => {
    const rootDir = fixtureRoot('workspace');

    const found = await discoverPlugins({ rootDir });

    expect(found.map(({ name, version }) => `${name}@${version}`)).toEqual([
      '@fixture/channel-sandbox@1.2.0',
      '@fixture/importer-csv@0.3.0',
      '@fixture/projections@0.1.0',
    ]);
    expect(found[0]?.dir).toBe(join(rootDir, 'plugins', 'channel-sandbox'));
  });

  it('finds a package named in the configuration under node_modules', async () => {
    const rootDir = await installed({ '@acme/monity-plugin-sms': { packageJson: smsPlugin } });

    const found = await discoverPlugins({ rootDir, packages: ['@acme/monity-plugin-sms'] });

    expect(found).toEqual([
      expect.objectContaining({
        name: '@acme/monity-plugin-sms',
        version: '2.0.0',
        dir: join(rootDir, 'node_modules', '@acme', 'monity-plugin-sms'),
      }),
    ]);
  });

  it('fails clearly when a named package is not installed', async () => {
    const rootDir = await installed({});

    const discovery = discoverPlugins({ rootDir, packages: ['@acme/monity-plugin-fax'] });

    await expect(discovery).rejects.toMatchObject({
      code: 'plugin_not_found',
      message: expect.stringMatching(/^Plugin @acme\/monity-plugin-fax: package not found from /),
    });
  });

  it('rejects a named package that is not a Monity plugin', async () => {
    const rootDir = await installed({ 'left-pad': { packageJson: { version: '1.3.0' } } });

    const discovery = discoverPlugins({ rootDir, packages: ['left-pad'] });

    await expect(discovery).rejects.toMatchObject({
      code: 'plugin_manifest_invalid',
      message: expect.stringContaining('Plugin left-pad: package.json has no "monity" field'),
    });
  });

  it('rejects a configured name that could reach outside node_modules', async () => {
    const discovery = discoverPlugins({ rootDir: fixtureRoot('workspace'), packages: ['../x'] });

    await expect(discovery).rejects.toMatchObject({ code: 'plugin_not_found' });
  });

  it('counts a workspace package that is also named in the configuration once', async () => {
    const rootDir = await installed({});
    await writeFiles(join(rootDir, 'plugins', 'sms'), {
      'package.json': JSON.stringify({ name: '@acme/monity-plugin-sms', ...smsPlugin }),
    });
    // What npm does for every workspace package.
    await mkdir(join(rootDir, 'node_modules', '@acme'), { recursive: true });
    await symlink('../../plugins/sms', join(rootDir, 'node_modules', '@acme', 'monity-plugin-sms'));

    const found = await discoverPlugins({ rootDir, packages: ['@acme/monity-plugin-sms'] });

    expect(found.map(({ dir }) => dir)).toEqual([join(rootDir, 'plugins', 'sms')]);
  });
});
