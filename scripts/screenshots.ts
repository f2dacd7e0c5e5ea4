/**
 * The README's screenshots, taken from the demo company `npm start` creates: its dashboard at
 * 1280 px, and on a 390 px phone the journey — the dashboard, a group's live preview, a template's
 * preview, the collection process, started and run, the demand it holds for approval, and the
 * demand in the sandbox mailbox once approved. Writes docs/screenshots/*.png.
 *
 *   npx tsx scripts/screenshots.ts
 *
 * Runs its own server on a free port and a throwaway data folder, with Debian's Chromium
 * (CHROMIUM_PATH to use another), as the browser tests do.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { startDemoServer, type DemoLogin as Login } from './support/demoServer.ts';
import { signInAsDemoOwner } from './support/demoSignIn.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

await mkdir(OUT, { recursive: true });
const server = await startDemoServer({ purpose: 'screenshots' });
let browser: Browser | undefined;
try {
  browser = await launchChromium();
  await desktopDashboard(browser, server);
  await phoneJourney(browser, server);
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser?.close();
  await server.stop();
}

async function desktopDashboard(browser: Browser, login: Login) {
  const page = await signedIn(browser, login, DESKTOP);
  await dashboard(page);
  await shoot(page, 'dashboard');
  await page.context().close();
}

async function phoneJourney(browser: Browser, login: Login) {
  const page = await signedIn(browser, login, PHONE);
  await dashboard(page);
  await shoot(page, 'phone-1-dashboard');

  // Step 1: a group and its live preview.
  await page.goto(`${login.url}/groups`);
  await page.getByRole('link', { name: 'Przeterminowane ponad 30 dni (PLN)' }).first().click();
  const preview = page.getByRole('region', { name: 'Podgląd grupy' });
  await preview.getByRole('link').first().waitFor();
  await shoot(page, 'phone-2-group', preview);

  // Step 2: a template from a starter, previewed for the customer owing most.
  await page.goto(`${login.url}/templates/new`);
  const starter = 'Zacznij od szablonu Przypomnienie o płatności – e-mail';
  await page.getByRole('button', { name: starter }).click();
  const message = page.getByRole('region', { name: 'Podgląd' }).getByRole('article').first();
  // The preview answers again once the customer is picked: the frame settles, then loads, in
  // view (Chromium does not paint a frame out of view).
  await message.frameLocator('iframe').getByText('Łącznie do zapłaty').waitFor();
  await message.scrollIntoViewIfNeeded();
  await waitForStill(page, '[aria-busy="true"], iframe');
  await message.frameLocator('iframe').getByText('Łącznie do zapłaty').waitFor();
  await shoot(page, 'phone-3-template', message);

  // Step 3: the process. Its window opens round the clock here, so that what it sends shows
  // whenever the screenshots are taken.
  await page.goto(`${login.url}/processes`);
  await page.getByRole('link', { name: 'Windykacja standardowa' }).first().click();
  const days = page.getByRole('group', { name: 'Dni wysyłki' });
  await days.getByRole('button', { name: 'sobota' }).click();
  await days.getByRole('button', { name: 'niedziela' }).click();
  await page.getByLabel('Od godziny').fill('00:00');
  await page.getByLabel('Do godziny').fill('23:59');
  await page.getByRole('switch', { name: /Pomijaj święta w Polsce/ }).click();
  await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await toast(page, 'Zapisano proces Windykacja standardowa').waitFor();
  const timeline = page.getByRole('region', { name: 'Przebieg procesu' });
  await timeline.getByText('00:00–23:59').waitFor();
  await shoot(page, 'phone-4-process', timeline);

  // Started and run now: the reminders before the due date leave, the demands wait for approval.
  await page.getByRole('button', { name: 'Uruchom proces Windykacja standardowa' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Uruchom', exact: true }).click();
  await toast(page, 'Uruchomiono proces Windykacja standardowa').waitFor();
  await closeToasts(page);
  await page.getByRole('button', { name: 'Wyślij należne teraz' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Wykonaj kroki teraz' }).click();
  await toast(page, /Zaplanowano wiadomości: \d+\./).waitFor({ timeout: 60_000 });
  const results = page.getByRole('region', { name: 'Wyniki kroku 2' });
  // The figures read a model a moment behind the run.
  for (let tries = 0; (await results.getByText('czeka na akceptację').count()) === 0; tries++) {
    if (tries === 100) throw new Error('The run scheduled no demand for approval');
    await page.getByRole('button', { name: 'Odśwież' }).click();
    await page.getByRole('button', { name: 'Odśwież' }).and(page.locator(':enabled')).waitFor();
  }
  await shoot(page, 'phone-5-run', page.getByRole('region', { name: 'Wyniki kroków' }), true);

  await page.goto(`${login.url}/approvals`);
  const held = page
    .getByRole('article')
    .filter({ has: page.locator('iframe') })
    .first();
  await held.frameLocator('iframe').getByText('wzywa do zapłaty kwoty').waitFor();
  await shoot(page, 'phone-6-approval');
  const to = (await held.getByText(/@/).first().textContent())!.trim();
  await held.getByRole('button', { name: 'Zatwierdź' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Zatwierdź i wyślij' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page.goto(`${login.url}/mailbox`);
  const list = page.getByRole('list', { name: 'Wiadomości' });
  const approved = list.getByRole('button').filter({ hasText: to }).first();
  // The approved demand reaches the sandbox a moment after the approval.
  const started = Date.now();
  for (let tries = 0; (await approved.count()) === 0; tries++) {
    if (tries === 100) throw new Error(`The demand to ${to} did not reach the mailbox`);
    await page.getByRole('button', { name: 'Odśwież' }).click();
    await list.getByRole('button').first().waitFor();
  }
  console.log(`mailbox after ${Date.now() - started} ms`);
  await approved.click();
  const demand = page.getByRole('article', { name: /^Wezwanie do zapłaty/ });
  await demand.frameLocator('iframe').getByText('wzywa do zapłaty kwoty').waitFor();
  await shoot(page, 'phone-7-mailbox');
  await page.context().close();
}

async function signedIn(browser: Browser, login: Login, viewport: typeof DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'pl-PL' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await signInAsDemoOwner(page, login);
  return page;
}

/** Opens the dashboard once the demo ledger has reached it and its charts are drawn. */
async function dashboard(page: Page) {
  await page.goto(`${new URL(page.url()).origin}/dashboard`);
  const total = page.getByRole('region', { name: 'Należności ogółem' });
  await total
    .getByText(/\d\szł/)
    .first()
    .waitFor({ timeout: 60_000 });
  await page.locator('.apexcharts-svg').first().waitFor();
  await waitForStill(page, '.apexcharts-svg');
}

/** Waits until what `selector` matches has stopped changing: a chart's animation, a preview. */
async function waitForStill(page: Page, selector: string) {
  // Runs in the page, which has the DOM this package's types leave out.
  const still = `(() => {
    const now = [...document.querySelectorAll(${JSON.stringify(selector)})]
      .map((e) => e.outerHTML)
      .join();
    const still = window.lastSeen === now;
    window.lastSeen = now;
    return still;
  })()`;
  await page.waitForFunction(still, undefined, { polling: 300 });
}

/** An open toast (not its announcement to screen readers, which comes first). */
function toast(page: Page, text: string | RegExp) {
  return page.locator('[data-swipe-direction][data-state="open"]').filter({ hasText: text });
}

async function closeToasts(page: Page) {
  const close = page.locator('[data-swipe-direction][data-state="open"] [data-slot="close"]');
  while ((await close.count()) > 0) await close.first().click();
  // Gone, not fading out in the screenshot.
  await page.waitForFunction(`!document.querySelector('[data-swipe-direction]')`);
}

/** docs/screenshots/<name>.png of the window, `focus` scrolled into it. */
async function shoot(page: Page, name: string, focus?: Locator, toasts = false) {
  if (!toasts) await closeToasts(page);
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`${name}.png`);
}
