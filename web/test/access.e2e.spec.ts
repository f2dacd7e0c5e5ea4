import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMonity, type MonityProcess } from '../../core/test/server/monityProcess.ts';
import { acceptInvitation, invitationLink, invite, signUp } from './support/accessPages.ts';
import { freePort, polishTaxId } from './support/fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
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
const PASSWORD = 'dobre-haslo-123';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

let monity: MonityProcess;
let url: string;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) {
    throw new Error(
      `${WEB_BUILD} is missing: run "npm run build -w web" (npm test's pretest does)`,
    );
  }
  dataDir = await mkdtemp(join(tmpdir(), 'monity-web-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as its own user and must enter it
  await mkdir(SCREENSHOTS, { recursive: true });
  const env = { PORT: String(await freePort()), MONITY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  monity = startMonity(env, dataDir);
  url = await monity.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  monity?.child.kill('SIGTERM');
  await monity?.exited;
  await rm(dataDir, { recursive: true, force: true });
});

describe.each(VIEWPORTS)('the web app at $viewport.width px', ({ name, viewport }) => {
  const owner = { email: `owner-${name}@example.pl`, name: `Olga ${name}` };
  const company = `Hurtownia ${name} sp. z o.o.`;
  let page: Page;
  let member: Page; // the invited person's own browser

  beforeAll(async () => {
    const context = await browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterAll(() => page.context().close());

  /** Screenshot of the step, after checking that the page does not scroll sideways. */
  async function step(title: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll, `${title} scrolls sideways`).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${title}.png`), fullPage: true });
  }

  async function openPage(label: string): Promise<void> {
    if (name === 'phone') await page.getByRole('button', { name: 'Otwórz pasek boczny' }).click();
    await page.getByRole('link', { name: label, exact: true }).click();
  }

  it('signs up a company and lands on its home page', async () => {
    await signUp(page, url, { ...owner, company, taxId: polishTaxId(), password: PASSWORD });
    await page.getByText(company).filter({ visible: true }).first().waitFor();
    await step('signup');
  }, 60_000);

  it('logs out, refuses a wrong password, and logs in again', async () => {
    await page.getByRole('button', { name: `Konto: ${owner.name}` }).click();
    await page.getByRole('menuitem', { name: 'Wyloguj się' }).click();
    await page.waitForURL(`${url}/login`);
    await page.getByText('Tryb piaskownicy: e-maile trafiają do skrzynki').waitFor();

    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Hasło', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nieprawidłowy e-mail lub hasło.' }).waitFor();
    await step('login-refused');

    await page.getByLabel('Hasło', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(`${url}/`);
    await step('login');
  }, 60_000);

  it('invites a person, who reads the mail in the mailbox and joins', async () => {
    const invitee = { email: `kasia-${name}@example.pl`, name: `Kasia ${name}` };
    await openPage('Użytkownicy');
    await invite(page, invitee.email);
    await step('invite');

    await openPage('Skrzynka');
    const link = await invitationLink(page);
    expect(link).toMatch(/\/invitation\?token=/);
    await step('mailbox');

    member = await browser.newPage({ viewport, locale: 'pl-PL' });
    await member.goto(link);
    await member.getByText(company).waitFor();
    await acceptInvitation(member, { name: invitee.name, password: PASSWORD });
    await member.screenshot({ path: join(SCREENSHOTS, `${name}-invitation-accepted.png`) });
  }, 60_000);

  it("changes a member's role, disables and enables them, and cancels an invitation", async () => {
    const person = `Kasia ${name}`;
    await openPage('Użytkownicy');
    await page.getByRole('combobox', { name: `Rola: ${person}` }).click();
    await page.getByRole('option', { name: 'Podgląd' }).click();
    await page.getByText(`Zmieniono rolę: ${person}.`).first().waitFor();

    await page.getByRole('button', { name: 'Zablokuj' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Zablokuj' }).click();
    await page.getByText('Zablokowany', { exact: true }).waitFor();
    await step('member-disabled');
    // The member's open page finds out at its next request, and asks them to log in.
    await member.getByRole('link', { name: /^Skrzynka Wiadomości/ }).click();
    await member.waitForURL(/\/login\?next=/);
    await member.close();

    await page.getByRole('button', { name: `Odblokuj: ${person}` }).click();
    await page.getByText(`Odblokowano: ${person}.`).first().waitFor();

    const mistaken = `pomylka-${name}@example.pl`;
    await invite(page, mistaken);
    await page.getByRole('button', { name: 'Anuluj zaproszenie' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Anuluj zaproszenie' }).click();
    await page.getByText(mistaken, { exact: true }).waitFor({ state: 'detached' });
  }, 60_000);

  it('creates an API key that works until it is revoked', async () => {
    await openPage('Klucze API');
    await page.getByLabel('Nazwa').fill(`Import ERP ${name}`);
    await page.getByRole('button', { name: 'Utwórz klucz' }).click();
    const key = await page.getByLabel('Nowy klucz API').inputValue();
    expect(await statusWithKey(key)).toBe(200);
    await step('api-key-created');

    await page.getByRole('button', { name: 'Zapisałem klucz' }).click();
    await page.getByRole('button', { name: 'Unieważnij' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unieważnij' }).click();
    await page.getByText(/Unieważniono/).waitFor();
    expect(await statusWithKey(key)).toBe(401);
    await step('api-key-revoked');
  }, 60_000);

  it('shows who did what in the audit log, filtered and as CSV', async ({ skip }) => {
    const served = await page.request.get(`${url}/api/audit-log/actions`);
    if (served.status() === 404) skip('the audit log API is not served yet');

    await openPage('Dziennik zdarzeń');
    const log = page.getByRole('table', { name: 'Dziennik zdarzeń' });
    await log.getByText('Utworzono klucz API').first().waitFor();
    await page.getByRole('combobox', { name: 'Działanie' }).click();
    await page.getByRole('option', { name: 'Zaproszono użytkownika' }).click();
    await log.getByText('Utworzono klucz API').first().waitFor({ state: 'detached' });
    await log.getByText('Zaproszono użytkownika').first().waitFor();
    await step('audit-log');

    const csv = await page.getByRole('link', { name: 'Eksportuj CSV' }).getAttribute('href');
    expect(csv).toContain('/api/audit-log.csv?action=UserInvited');
    const download = await page.request.get(`${url}${csv}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('text/csv');
  }, 60_000);

  it("keeps the company's details: an NRB reads back as an IBAN, a bad one is refused", async () => {
    const renamed = `${company} (Kraków)`;
    await openPage('Firma');
    await page.getByLabel('Nazwa firmy').fill(renamed);
    await page.getByLabel('Miejscowość').fill('Kraków');
    await page.getByLabel('Strefa czasowa').click();
    await page.getByPlaceholder('Szukaj…').fill('Berlin');
    await page.getByRole('option', { name: 'Europe/Berlin' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Dodaj rachunek' }).click();
    const iban = page.getByLabel('IBAN lub NRB').last();
    await iban.fill('61 1090 1014 0000 0712 1981 2874');
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await page.getByText('Zapisano dane firmy.').first().waitFor();
    expect(await iban.inputValue()).toBe('PL61109010140000071219812874');
    await page.getByLabel('Strefa czasowa').getByText('Europe/Berlin').waitFor();
    // The header's company comes from the session, asked again after the save.
    await page
      .getByRole('button', { name: `Firma: ${renamed}. Zmień firmę` })
      .filter({ visible: true })
      .waitFor();

    // Enter in a field saves the form as well.
    await iban.fill('PL61109010140000071219812875');
    await iban.press('Enter');
    await page.getByText('Podaj poprawny numer rachunku: NRB (26 cyfr) lub IBAN.').waitFor();
    await step('company');
  }, 60_000);

  it('resets a forgotten password through the sandbox mailbox', async () => {
    await page.getByRole('button', { name: `Konto: ${owner.name}` }).click();
    await page.getByRole('menuitem', { name: 'Wyloguj się' }).click();
    await page.getByRole('link', { name: 'Nie pamiętasz hasła?' }).click();
    await page.waitForURL(`${url}/password-reset`);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await page.getByRole('status').waitFor();

    await page.getByRole('link', { name: 'Otwórz skrzynkę piaskownicy' }).click();
    await page
      .getByRole('button', { name: /Nowe hasło/ })
      .first()
      .click();
    await step('sandbox-mailbox');
    const reset = page.getByRole('link', { name: /\/password-reset\/confirm\?token=/ }).first();
    await page.goto((await reset.getAttribute('href'))!);
    await page.getByLabel('Nowe hasło').fill(`${PASSWORD}-nowe`);
    await page.getByRole('button', { name: 'Zapisz hasło' }).click();
    await page.getByRole('status').waitFor();

    await page.goto(`${url}/login`);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Hasło', { exact: true }).fill(`${PASSWORD}-nowe`);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByText(`Witaj, ${owner.name}`).waitFor();
    await openPage('Klucze API');
  }, 60_000);

  it('switches the language from Polish to English', async () => {
    await page.getByRole('heading', { name: 'Utwórz klucz' }).waitFor();
    await page.getByRole('button', { name: 'Język: PL' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.waitForURL(`${url}/en/api-keys`);
    await page.getByRole('heading', { name: 'Create a key' }).waitFor();
    await step('english');

    if (name === 'phone') {
      await page.getByRole('button', { name: 'Open sidebar' }).click();
      await page.getByRole('link', { name: 'Audit log' }).waitFor();
      await step('menu');
    }
  }, 60_000);
});

describe('a person in two companies', () => {
  it('switches between them from the header', async () => {
    const person = { name: 'Piotr Dwufirmowy', email: 'piotr@example.pl', password: PASSWORD };
    const first = 'Pierwsza Firma sp. z o.o.';
    const second = 'Druga Firma S.A.';
    const context = await browser.newContext({ viewport: VIEWPORTS[0]!.viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signUp(page, url, { ...person, company: first, taxId: polishTaxId() });

    const other = await browser.newPage({ locale: 'pl-PL' });
    const owner = { name: 'Zofia Druga', email: 'zofia@example.pl', password: PASSWORD };
    await signUp(other, url, { ...owner, company: second, taxId: polishTaxId() });
    await other.goto(`${url}/users`);
    await invite(other, person.email);
    await other.goto(`${url}/mailbox`);
    await page.goto(await invitationLink(other));
    await acceptInvitation(page, person);
    await other.close();

    await page.getByRole('button', { name: `Firma: ${second}. Zmień firmę` }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-tenant-switch.png') });
    await page.getByRole('menuitem', { name: first }).click();
    await page.getByText(`Pracujesz w firmie ${first}`).waitFor();
    await context.close();
  }, 60_000);
});

async function statusWithKey(key: string): Promise<number> {
  const response = await fetch(`${url}/api/users`, { headers: { authorization: `Bearer ${key}` } });
  return response.status;
}
