import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../src/database/embeddedPostgres.ts';
import { startMonity } from './monityProcess.ts';

type OpenApiPaths = { paths: Record<string, unknown> };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('npm start', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'monity-start-'));
    await chmod(workDir, 0o755); // like a checkout, so PostgreSQL's own user may enter it
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL, serves health and API docs, and stops on Ctrl-C', async () => {
    const port = await findFreePort();
    const monity = startMonity({ PORT: String(port) }, workDir);
    const url = await monity.url;
    expect(url).toBe(`http://localhost:${port}`);

    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready' });
    const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as OpenApiPaths;
    expect(spec.paths['/api/projections/{name}/rebuild']).toBeDefined();
    await expectDocsRenderInBrowser(url);
    await expectDemoLedger(url, monity.output());

    const pidFile = join(workDir, '.monity', 'postgres', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    monity.child.kill('SIGINT');
    expect(await monity.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
    expect(monity.output()).toMatch(/"msg":"stopped"/);
  });

  it('reuses the data of an earlier start', async () => {
    for (const round of [1, 2]) {
      const monity = startMonity({ PORT: String(await findFreePort()) }, workDir);
      await monity.url;
      if (round === 2) expect(monity.output()).not.toMatch(/migrations applied/);
      monity.child.kill('SIGTERM');
      expect(await monity.exited, monity.output()).toBe(0);
    }
  });

  it('uses DATABASE_URL instead of an embedded database when it is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'monity-external-'));
    const env = { PORT: String(await findFreePort()), DATABASE_URL: inject('postgresUrl') };
    const monity = startMonity(env, dir);
    const url = await monity.url;
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(existsSync(join(dir, '.monity'))).toBe(false);
    monity.child.kill('SIGINT');
    expect(await monity.exited).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('explains, as root, a data folder PostgreSQL may not enter', async () => {
    if (process.getuid?.() !== 0) return;
    const closed = await mkdtemp(join(tmpdir(), 'monity-closed-'));
    const monity = startMonity({ PORT: String(await findFreePort()) }, closed);
    expect(await monity.exited).toBe(1);
    expect(monity.output()).toContain(`cannot enter ${closed}`);
    await rm(closed, { recursive: true, force: true });
  });

  it('refuses a bad setting with one line naming it', async () => {
    const monity = startMonity({ PORT: 'eighty' }, workDir);
    expect(await monity.exited).toBe(1);
    expect(monity.output().trim()).toBe(
      'Monity cannot start: Setting PORT (port) must be integer (got "eighty")',
    );
  });
});

async function expectDocsRenderInBrowser(url: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`${url}/api/docs`);
    await page.getByText('/api/projections', { exact: true }).first().waitFor();
    await expect(page.title()).resolves.toMatch(/Monity API/);
    expect(failed).toEqual([]);
  } finally {
    await browser.close();
  }
}

/** The demo company's owner logs in with the printed password and finds a ledger, aged. */
async function expectDemoLedger(url: string, output: string) {
  const [, email, password] = /demo company as (\S+) with password (\S+)/.exec(output)!;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const read = async (path: string) =>
    (await (await fetch(`${url}${path}`, { headers: { cookie } })).json()) as {
      items: unknown[];
      currencies: { currency: string; count: number }[];
    };
  await expect.poll(async () => (await read('/api/customers?limit=200')).items.length).toBe(200);
  const aging = await read('/api/aging');
  expect(aging.currencies.map((c) => c.currency)).toEqual(['EUR', 'PLN', 'USD']);
  expect(aging.currencies.every((c) => c.count > 0)).toBe(true);
  const categories = (await read('/api/categories')).items as { id: string; name: string }[];
  expect(categories.map((c) => c.name)).toEqual(['Budownictwo', 'Kluczowy klient', 'Zagranica']);
  const key = categories.find((c) => c.name === 'Kluczowy klient')!;
  expect((await read(`/api/customers?categoryId=${key.id}&limit=200`)).items).toHaveLength(45);
  expect((await read('/api/customers?excluded=true')).items).toHaveLength(2);
  const groups = (await read('/api/groups')).items as { name: string; criteria: unknown }[];
  expect(groups).toHaveLength(3);
  for (const group of groups) {
    const preview = await fetch(`${url}/api/groups/preview`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ criteria: group.criteria }),
    });
    expect(((await preview.json()) as { customers: number }).customers, group.name).toBeGreaterThan(
      0,
    );
  }
}
