import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPages } from './support/appPages.ts';
import {
  dialogProblems,
  settled,
  sidewaysScrolling,
  unnamedControls,
} from './support/phoneChecks.ts';
import { screenshotFile, useWebApp } from './support/webApp.ts';

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'pl-PL' };
/** Where each `[id]` page's id comes from: the first of the list the API gives. */
const LISTS: Record<string, string> = {
  customers: '/api/customers?sort=-open&limit=1',
  groups: '/api/groups',
  invoices: '/api/invoices?limit=1',
  processes: '/api/processes',
  templates: '/api/templates',
};
// The demo company has sent nothing yet, so no message has a page of its own.
const PAGES = appPages().filter(({ route }) => route !== '/messages/[id]');

const app = useWebApp('monity-phone-layout-');

/**
 * Every page of the demo company on a 390 px phone: nothing scrolls sideways (tables become
 * cards), and every control a person operates has a name a screen reader can say, on the page
 * and in each dialog and slide-over it opens.
 */
describe('every page on a 390 px phone', () => {
  let signedIn: BrowserContext;
  let signedOut: BrowserContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const [, email, password] = /demo company as (\S+) with password (\S+)/.exec(app.output())!;
    signedOut = await app.browser.newContext(PHONE);
    signedIn = await app.browser.newContext(PHONE);
    for (const context of [signedIn, signedOut]) context.setDefaultTimeout(30_000);
    const page = await signedIn.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('E-mail').fill(email!);
    await page.getByLabel('Hasło', { exact: true }).fill(password!);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByText('Witaj, Anna Demo').waitFor();
    // The demo ledger reaches the read models a moment after the start.
    await page.getByText('DSO i CEI na jednym ekranie').waitFor({ timeout: 60_000 });
    for (const [list, path] of Object.entries(LISTS)) {
      const answer = await signedIn.request.get(`${app.url}${path}`);
      const { items } = (await answer.json()) as { items: { id: string }[] };
      ids[list] = items[0]!.id;
    }
    await page.close();
  }, 120_000);
  afterAll(async () => {
    await signedIn?.close();
    await signedOut?.close();
  });

  async function open(route: string, isPublic: boolean): Promise<Page> {
    const path = route.replace(/^\/(\w+)\/\[id\]$/, (_, list: string) => `/${list}/${ids[list]}`);
    const page = await (isPublic ? signedOut : signedIn).newPage();
    await page.goto(`${app.url}${path}`);
    await settled(page);
    return page;
  }

  it.each(PAGES)(
    '$route does not scroll sideways and names its controls',
    async (entry) => {
      const page = await open(entry.route, entry.public);
      try {
        expect(await sidewaysScrolling(page), `${entry.route} scrolls sideways`).toEqual([]);
        expect(await unnamedControls(page), `${entry.route} has unnamed controls`).toEqual([]);
      } finally {
        const name = entry.route.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: screenshotFile(`phone-layout-${name}.png`), fullPage: true });
        await page.close();
      }
    },
    60_000,
  );

  it.each(PAGES)(
    "$route's dialogs and slide-overs fit the phone and name their controls",
    async (entry) => {
      const page = await open(entry.route, entry.public);
      try {
        const { opened, problems } = await dialogProblems(page);
        expect(problems, `${entry.route}: dialogs`).toEqual([]);
        // Every signed-in page has at least the navigation, a slide-over on a phone.
        if (!entry.public) expect(opened).toContain('Otwórz pasek boczny');
      } finally {
        await page.close();
      }
    },
    90_000,
  );

  it('fetches the charts library only once the dashboard shows its figures', async () => {
    // A context of its own: nothing cached by the pages before.
    const storageState = await signedIn.storageState();
    const page = await (await app.browser.newContext({ ...PHONE, storageState })).newPage();
    const chartScripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      if ((await response.text()).includes('apexcharts-svg')) chartScripts.push(response.url());
    });
    // When the first figure showed, by the page's own clock. Runs in the page, which has the
    // DOM this package's types leave out.
    await page.addInitScript(`(() => {
      const look = () => {
        const tile = document.querySelector('section[aria-label="Należności ogółem"]');
        if (tile && /\\d\\s?zł/.test(tile.textContent)) window.figuresAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })()`);
    try {
      await page.goto(`${app.url}/dashboard`);
      await page.locator('.apexcharts-svg').first().waitFor();
      const figuresAt = Number(await page.evaluate('window.figuresAt'));
      expect(chartScripts).toHaveLength(1);
      const fetchedAt = Number(
        await page.evaluate(
          `performance.getEntriesByName(${JSON.stringify(chartScripts[0])})[0].startTime`,
        ),
      );
      expect(fetchedAt).toBeGreaterThan(figuresAt);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it("shows the starter e-mail's invoice table within a phone's width", async () => {
    const page = await open('/templates/new', false);
    try {
      const starter = 'Zacznij od szablonu Przypomnienie o płatności – e-mail';
      await page.getByRole('button', { name: starter }).click();
      const message = page.getByRole('region', { name: 'Podgląd' }).getByRole('article').first();
      const frame = message.frameLocator('iframe');
      await frame.getByText('Łącznie do zapłaty').waitFor();
      const table = await frame.locator('table').first().boundingBox();
      const shown = await message.locator('iframe').boundingBox();
      expect(table!.x + table!.width).toBeLessThanOrEqual(shown!.x + shown!.width);
    } finally {
      await page.close();
    }
  }, 60_000);
});
