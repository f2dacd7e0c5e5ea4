import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startMonity, type MonityProcess } from '../../../core/test/server/monityProcess.ts';
import { freePort } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const WEB_BUILD = join(ROOT, 'web', '.output', 'server', 'index.mjs');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

export interface WebApp {
  url: string;
  browser: Browser;
  /** What the server printed so far: the demo company's login is among it. */
  output(): string;
}

/**
 * Starts Monity with the built web app on its own data folder (named from `dataPrefix`) and a
 * Chromium, before the file's tests; stops both and removes the folder after them.
 */
export function useWebApp(dataPrefix: string): WebApp {
  const app = {} as WebApp;
  let monity: MonityProcess | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (!existsSync(WEB_BUILD)) {
      throw new Error(
        `${WEB_BUILD} is missing: run "npm run build -w web" (npm test's pretest does)`,
      );
    }
    dataDir = await mkdtemp(join(tmpdir(), dataPrefix));
    await chmod(dataDir, 0o755); // PostgreSQL runs as its own user and must enter it
    await mkdir(SCREENSHOTS, { recursive: true });
    const env = { PORT: String(await freePort()), MONITY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    monity = startMonity(env, dataDir);
    app.url = await monity.url;
    app.output = monity.output;
    app.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await app.browser?.close();
    monity?.child.kill('SIGTERM');
    await monity?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return app;
}

/** Screenshot of a step as `<file>.png`, after checking that the page does not scroll sideways. */
export async function screenshotStep(page: Page, title: string, file: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `${title} scrolls sideways`).toBeLessThanOrEqual(widths.inner);
  await page.screenshot({ path: screenshotFile(`${file}.png`), fullPage: true });
}

/** Where a screenshot named `name` is kept. */
export function screenshotFile(name: string): string {
  return join(SCREENSHOTS, name);
}

/**
 * Follows a link of the side navigation, opening it first on a phone. The phone's drawer slides
 * in, and a page still settling can render it again under the finger: on a busy machine the
 * link may move or go, so the drawer is opened again until the link can be followed.
 */
export async function openNavigation(page: Page, phone: boolean, label: string): Promise<void> {
  const link = page.getByRole('link', { name: label, exact: true });
  if (!phone) return link.click();
  const open = page.getByRole('button', { name: 'Otwórz pasek boczny' });
  for (let attempt = 1; ; attempt++) {
    if (!(await link.isVisible())) await open.click();
    try {
      return await link.click({ timeout: 5_000 });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
