import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/loadConfig.ts';

describe('configuration', () => {
  it('has defaults that start an embedded database on port 3000', () => {
    const config = loadConfig({}, '/srv/monity');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/monity/.monity',
      logLevel: 'info',
      plugins: { packages: [], config: {} },
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads the environment over the configuration file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'monity-config-'));
    await writeFile(
      join(dir, 'monity.config.json'),
      JSON.stringify({ port: 4000, logLevel: 'debug', plugins: { packages: ['@acme/x'] } }),
    );
    const config = loadConfig({ PORT: '4100', DATABASE_URL: 'postgres://db/monity' }, dir);
    expect(config).toMatchObject({
      port: 4100,
      logLevel: 'debug',
      databaseUrl: 'postgres://db/monity',
      plugins: { packages: ['@acme/x'], config: {} },
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Setting PORT \(port\) must be integer \(got "abc"\)$/],
    [{ PORT: '70000' }, /^Setting PORT \(port\) must be <= 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /^Setting DATABASE_URL \(databaseUrl\) must match/],
    [{ LOG_LEVEL: 'loud' }, /^Setting LOG_LEVEL \(logLevel\) must be equal to one of/],
    [{ MONITY_PLUGINS: '{' }, /^Setting MONITY_PLUGINS must be JSON$/],
  ])('stops with one line naming the bad setting: %o', (env, message) => {
    expect(() => loadConfig(env, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/srv')).toThrow(message);
  });

  it('names an unknown key and a broken file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'monity-config-'));
    await writeFile(join(dir, 'monity.config.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({}, dir)).toThrow('Unknown setting "prot" in the configuration file');
    await writeFile(join(dir, 'broken.json'), '{ nope');
    expect(() => loadConfig({ MONITY_CONFIG_FILE: 'broken.json' }, dir)).toThrow(
      /^Configuration file .*broken\.json: /,
    );
  });
});
