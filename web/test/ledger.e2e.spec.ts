import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMonity, type MonityProcess } from '../../core/test/server/monityProcess.ts';
import { signUp } from './support/accessPages.ts';
import { freePort, polishTaxId } from './support/fixtures.ts';
import { invoiceExport, polishDate } from './support/ledgerFixtures.ts';

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

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

// Two customers with good rows, one row whose amount cannot be read; dates relative to today,
// so the first invoice is always 45 days overdue (the 31–60 bucket) and the second not yet due.
const EXPORT = invoiceExport([
  {
    customerId: 'K001',
    name: 'Przedsiębiorstwo Handlowe „Żuraw” sp. z o.o.',
    taxId: polishTaxId(),
    city: 'Łódź',
    number: 'FV/1/2026',
    issued: polishDate(-59),
    due: polishDate(-45),
    amount: '1 234,56',
    open: '1 234,56',
  },
  {
    customerId: 'K002',
    name: 'Zakład Ślusarski Gęś',
    taxId: polishTaxId(),
    city: 'Kraków',
    number: 'FV/2/2026',
    issued: polishDate(-5),
    due: polishDate(9),
    amount: '99,99',
    open: '99,99',
  },
  {
    customerId: 'K003',
    name: 'Hurtownia Źdźbło',
    taxId: polishTaxId(),
    city: 'Gdańsk',
    number: 'FV/3/2026',
    issued: polishDate(-5),
    due: polishDate(9),
    amount: 'dwanaście',
    open: '',
  },
]);

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
  dataDir = await mkdtemp(join(tmpdir(), 'monity-ledger-web-'));
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

describe.each(VIEWPORTS)('the receivables ledger at $viewport.width px', ({ name, viewport }) => {
  let page: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const owner = { name: `Iwona ${name}`, email: `ledger-${name}@example.pl` };
    const company = `Księgowość ${name} sp. z o.o.`;
    await signUp(page, url, { ...owner, company, taxId: polishTaxId(), password: 'haslo-123456' });
  }, 60_000);
  afterAll(() => page.context().close());

  /** Screenshot of the step, after checking that the page does not scroll sideways. */
  async function step(title: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll, `${title} scrolls sideways`).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-ledger-${title}.png`),
      fullPage: true,
    });
  }

  async function openPage(label: string): Promise<void> {
    if (name === 'phone') await page.getByRole('button', { name: 'Otwórz pasek boczny' }).click();
    await page.getByRole('link', { name: label, exact: true }).click();
  }

  it('shows an empty ledger that leads to the import', async () => {
    await openPage('Klienci');
    await page.getByText('Nie ma jeszcze klientów').waitFor();
    await step('customers-empty');
    await page.getByRole('link', { name: 'Importuj faktury' }).click();
    await page.waitForURL(`${url}/import`);
  }, 60_000);

  it('imports a Windows-1250 export: mapped, checked, loaded, its bad row reported', async () => {
    await page.getByLabel('Wybierz plik z dysku').setInputFiles({
      name: 'faktury.csv',
      mimeType: 'text/csv',
      buffer: EXPORT,
    });
    const sample = page.getByRole('table', { name: 'Podgląd pliku' });
    await sample.getByText('Przedsiębiorstwo Handlowe „Żuraw” sp. z o.o.').waitFor();
    await page.getByText('windows-1250', { exact: false }).first().waitFor();
    // Columns are matched by their Polish headers.
    await expect(fieldValue('Termin płatności')).resolves.toBe('Termin płatności');
    await expect(fieldValue('Pozostało do zapłaty')).resolves.toBe('Pozostało do zapłaty');
    await expect(fieldValue('NIP')).resolves.toBe('NIP');
    await step('import-mapping');

    await page.getByRole('button', { name: 'Sprawdź plik (bez zapisywania)' }).click();
    await page.getByText('Poprawne wiersze: 2 z 3.').waitFor();
    const problems = page.getByRole('table', { name: 'Błędy w pliku' });
    await problems.getByText('„dwanaście” to nie jest kwota, np. 1 234,56.').waitFor();
    const problem = problems.getByRole('row').filter({ hasText: 'dwanaście' });
    // The file's fourth line: the header, then the two good rows.
    expect(await textOf(problem.getByRole('cell').first())).toMatch(/^(Wiersz)? ?4$/);
    await step('import-dry-run');

    await page.getByRole('button', { name: 'Importuj poprawne wiersze (2)' }).click();
    await page.getByRole('status').filter({ hasText: 'Zakończony' }).waitFor({ timeout: 30_000 });
    const rejected = page.getByRole('table', { name: 'Odrzucone wiersze' });
    await rejected.getByRole('row').filter({ hasText: 'FV/3/2026' }).waitFor();
    await step('import-done');

    const report = page.getByRole('link', { name: 'Pobierz raport błędów (CSV)' });
    const download = await page.request.get(`${url}${await report.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('text/csv');
    expect(await download.text()).toContain('FV/3/2026');
  }, 90_000);

  it('finds a customer by name, opens their card and adds a note', async () => {
    await openPage('Klienci');
    const list = page.getByRole('table', { name: 'Klienci' });
    await list.getByText('Zakład Ślusarski Gęś').waitFor();
    await page.getByLabel('Szukaj').fill('Żuraw');
    await list.getByText('Zakład Ślusarski Gęś').waitFor({ state: 'detached' });
    await list
      .getByRole('row')
      .filter({ hasText: 'Żuraw' })
      .filter({ hasText: '1 234,56 zł' })
      .waitFor();
    await step('customers-search');

    await list.getByRole('link', { name: /Żuraw/ }).click();
    await page.getByRole('heading', { name: /Żuraw/, level: 2 }).waitFor();
    const balance = page.getByRole('region', { name: 'Saldo w PLN' });
    await balance.getByText('1 234,56 zł').first().waitFor();
    expect(await textOf(balance)).toMatch(/Należności przeterminowane ?1 234,56 zł/);
    await page.getByRole('table', { name: 'Faktury' }).getByText('FV/1/2026').waitFor();
    await page.getByText('45 dni po terminie').waitFor();
    await step('customer');

    await page.getByRole('tab', { name: /Notatki/ }).click();
    await page.getByLabel('Nowa notatka').fill(`Obiecał zapłatę do piątku (${name}).`);
    await page.getByRole('button', { name: 'Dodaj notatkę' }).click();
    await page.getByText(`Obiecał zapłatę do piątku (${name}).`).waitFor();
    await page.getByRole('button', { name: 'Edytuj' }).waitFor();
    await step('customer-note');

    await page.getByRole('tab', { name: 'Historia' }).click();
    await page.getByText('Faktura FV/1/2026 wystawiona na 1 234,56 zł').waitFor();
    await step('customer-history');
  }, 60_000);

  it('shows the aging of receivables as a chart and a table', async () => {
    await openPage('Wiekowanie');
    const chart = 'Wykres: kwota do zapłaty w każdym przedziale';
    await page.getByRole('img', { name: chart }).waitFor();
    await page.locator('.apexcharts-bar-area').first().waitFor();
    const table = page.getByRole('table', { name: 'Należności w PLN' });
    await table
      .getByRole('row')
      .filter({ hasText: '31-60' })
      .filter({ hasText: '1 234,56 zł' })
      .waitFor();
    expect(await textOf(table.getByRole('row').filter({ hasText: 'Razem' }))).toContain(
      '1 334,55 zł',
    );
    await step('aging');
  }, 60_000);

  it('lists the invoices with days overdue, and the payments', async () => {
    await openPage('Faktury');
    const invoices = page.getByRole('table', { name: 'Faktury' });
    const late = invoices.getByRole('row').filter({ hasText: 'FV/1/2026' });
    await late.filter({ hasText: '45 dni po terminie' }).waitFor();
    await step('invoices');
    await openPage('Płatności');
    await page.getByText('Nie ma jeszcze płatności').waitFor();
    await step('payments');
  }, 60_000);

  it('defines a customer category', async () => {
    await openPage('Kategorie i atrybuty');
    await page.getByLabel('Nazwa', { exact: true }).first().fill(`Kluczowi ${name}`);
    await page.getByRole('button', { name: 'Dodaj kategorię' }).click();
    await page.getByText(`Kluczowi ${name}`, { exact: true }).waitFor();
    await step('categories');
  }, 60_000);

  /** The column chosen for an import field, read from its select (a required one's has a *). */
  async function fieldValue(label: string): Promise<string> {
    const select = page.getByRole('combobox', { name: new RegExp(`^${label}\\*?$`) });
    return ((await select.textContent()) ?? '').trim();
  }
});

/** The text of an element with runs of white space (non-breaking ones too) as one space. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
