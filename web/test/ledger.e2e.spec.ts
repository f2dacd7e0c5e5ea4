import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { companyDay, polishTaxId } from './support/fixtures.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';
import { invoiceExport, polishDate } from './support/ledgerFixtures.ts';

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

const app = useWebApp('monity-ledger-web-');

describe.each(VIEWPORTS)('the receivables ledger at $viewport.width px', ({ name, viewport }) => {
  let page: Page;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const owner = { name: `Iwona ${name}`, email: `ledger-${name}@example.pl` };
    const company = `Księgowość ${name} sp. z o.o.`;
    await signUp(page, app.url, {
      ...owner,
      company,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-ledger-${title}`);
  const openPage = (label: string) => openNavigation(page, name === 'phone', label);

  it('shows an empty ledger that leads to the import', async () => {
    await openPage('Klienci');
    await page.getByText('Nie ma jeszcze klientów').waitFor();
    await step('customers-empty');
    await page.getByRole('link', { name: 'Importuj faktury' }).click();
    await page.waitForURL(`${app.url}/import`);
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
    const download = await page.request.get(`${app.url}${await report.getAttribute('href')}`);
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
    await page.getByRole('button', { name: 'Edytuj', exact: true }).waitFor();
    await step('customer-note');

    await page.getByRole('tab', { name: 'Historia' }).click();
    await page.getByText('Faktura FV/1/2026 wystawiona na 1 234,56 zł').waitFor();
    await step('customer-history');
  }, 60_000);

  it("refuses a bad NIP on the customer's card, then saves a phone in E.164", async () => {
    await page.getByRole('button', { name: 'Edytuj dane' }).click();
    const dialog = page.getByRole('dialog');
    const taxId = dialog.getByLabel('NIP');
    const goodTaxId = await taxId.inputValue();
    await taxId.fill('1234567890');
    await dialog.getByRole('button', { name: 'Zapisz dane' }).click();
    await dialog.getByText('Podaj poprawny NIP: 10 cyfr z prawidłową cyfrą kontrolną.').waitFor();
    await step('customer-edit-refused');

    await taxId.fill(goodTaxId);
    await dialog.getByRole('button', { name: 'Dodaj telefon' }).click();
    await dialog.getByLabel('Telefon 1', { exact: true }).fill('601 234 567');
    await dialog.getByRole('button', { name: 'Zapisz dane' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Zapisano dane klienta.', { exact: true }).waitFor();
    const details = page.getByRole('region', { name: 'Dane klienta' });
    await details.getByRole('link', { name: '+48601234567' }).waitFor();
    await step('customer-edited');
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

  it("moves an overdue invoice's due date and writes off part of it", async () => {
    await openPage('Faktury');
    await page
      .getByRole('table', { name: 'Faktury' })
      .getByRole('link', { name: 'FV/1/2026' })
      .click();
    await page.getByRole('heading', { name: 'FV/1/2026', level: 2 }).waitFor();
    const details = page.getByRole('region', { name: 'Dane faktury' });
    await details.getByText('Przeterminowana').waitFor();

    await page.getByRole('button', { name: 'Zmień termin płatności' }).click();
    const dueDialog = page.getByRole('dialog');
    await dueDialog.getByLabel('Nowy termin płatności').fill(companyDay(-90));
    await dueDialog.getByRole('button', { name: 'Zmień termin', exact: true }).click();
    await dueDialog
      .getByText('Termin płatności nie może być wcześniejszy niż data wystawienia.')
      .waitFor();
    await dueDialog.getByLabel('Nowy termin płatności').fill(companyDay(14));
    await dueDialog.getByRole('button', { name: 'Zmień termin', exact: true }).click();
    await dueDialog.waitFor({ state: 'detached' });
    await details.getByText('W terminie').waitFor();
    await details.getByText('za 14 dni').waitFor();

    await page.getByRole('button', { name: 'Spisz na straty' }).click();
    const writeOff = page.getByRole('dialog');
    await writeOff.getByLabel('Kwota do spisania').fill('2 000');
    await writeOff.getByRole('button', { name: 'Spisz na straty' }).click();
    await writeOff.getByText('Kwota jest wyższa niż pozostało do zapłaty.').waitFor();
    await step('invoice-write-off-refused');
    await writeOff.getByLabel('Kwota do spisania').fill('234,56');
    await writeOff.getByLabel('Powód').fill('Rabat uzgodniony w ugodzie');
    await writeOff.getByRole('button', { name: 'Spisz na straty' }).click();
    await writeOff.waitFor({ state: 'detached' });
    const open = details.locator('dt:text-is("Pozostało do zapłaty") + dd');
    await open.getByText('1 000,00 zł').waitFor();
    await page
      .getByRole('table', { name: 'Rozliczenia' })
      .getByRole('row')
      .filter({ hasText: 'Odpisanie' })
      .filter({ hasText: '234,56 zł' })
      .waitFor();
    await step('invoice-changed');
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
