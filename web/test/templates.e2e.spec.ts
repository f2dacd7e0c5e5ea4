import type { Template } from '@monity/sdk';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { companyDay, polishTaxId } from './support/fixtures.ts';
import { pageApi } from './support/pageApi.ts';
import { VIEWPORTS, openNavigation, screenshotFile, useWebApp } from './support/webApp.ts';

const daysAgo = (days: number) => companyDay(-days);

const invoice = (
  id: string,
  customerId: string,
  due: number,
  amount: string,
  currency = 'PLN',
) => ({
  id,
  number: id,
  customerId,
  issueDate: daysAgo(due + 14),
  dueDate: daysAgo(due),
  currency,
  amount,
});

// Żółw owes 1 250,50 zł on two invoices and 300,00 EUR on one: two messages, one per currency.
const LEDGER = {
  customers: [
    { id: 'K1', name: 'Hurtownia Żółw sp. z o.o.', taxId: polishTaxId(), city: 'Kraków' },
    { id: 'K2', name: 'Piekarnia Bułka', taxId: polishTaxId(), city: 'Gniezno' },
  ],
  invoices: [
    invoice('FV/1', 'K1', 30, '1000.00'),
    invoice('FV/2', 'K1', 5, '250.50'),
    invoice('FV/3', 'K1', 12, '300.00', 'EUR'),
    invoice('FV/4', 'K2', 3, '100.00'),
  ],
};

const app = useWebApp('monity-templates-web-');

describe.each(VIEWPORTS)('message templates at $viewport.width px', (view) => {
  const { name, viewport } = view;
  const phone = name === 'phone';
  let page: Page;
  let api: ReturnType<typeof pageApi>;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Ewa ${name}`,
      email: `szablony-${name}@example.pl`,
      company: `Szablony ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
    api = pageApi(page, app.url);
    await api('POST', '/api/ledger/batch', LEDGER);
    for (let loaded = 0; loaded < LEDGER.invoices.length;) {
      await page.waitForTimeout(200);
      loaded = (await api<{ items: unknown[] }>('GET', '/api/invoices')).items.length;
    }
  }, 60_000);
  afterAll(() => page.context().close());

  /**
   * Like `screenshotStep`, but waiting for the preview to settle rather than for the network:
   * Chromium does not always report the network idle while the preview's sandboxed frames
   * are replaced by newer answers.
   */
  const step = async (title: string) => {
    await eventually(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll, `${title} scrolls sideways`).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({
      path: screenshotFile(`${name}-templates-${title}.png`),
      fullPage: true,
    });
  };
  const openPage = async (label: string) => {
    await openNavigation(page, phone, label);
    if (phone) await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  const preview = () => page.getByRole('region', { name: 'Podgląd' });
  const message = (currency: string) =>
    preview().getByRole('article', { name: `Wiadomość w ${currency}` });

  it('makes an e-mail from a starter, whose preview follows each edit', async () => {
    await openPage('Szablony');
    await page.getByText('Nie ma jeszcze szablonów').waitFor();
    await page.getByRole('link', { name: 'Nowy szablon' }).first().click();
    await page
      .getByRole('button', { name: 'Zacznij od szablonu Przypomnienie o płatności – e-mail' })
      .click();

    // The customer owing most is picked: one message in PLN, one in EUR.
    await message('PLN').waitFor();
    await message('EUR').waitFor();
    expect(await textOf(message('PLN'))).toContain('Faktury: 2');
    await step('starter');

    const subject = page.getByRole('textbox', { name: 'Temat' });
    await subject.fill('Saldo {{ customer.name }}: {{ totals.open | money }}');
    await eventually(() => textOf(message('PLN'))).toContain(
      'Saldo Hurtownia Żółw sp. z o.o.: 1 250,50 zł',
    );
    expect(await textOf(message('EUR'))).toContain('300,00 €');

    const html = page.getByRole('textbox', { name: 'Treść HTML' });
    await html.fill('<p>Dzień dobry,</p>\n<p>do zapłaty: {{ totals.open | money }}</p>');
    const frame = message('PLN').locator('iframe');
    await eventually(async () => normal(await frame.getAttribute('srcdoc'))).toContain(
      'do zapłaty: 1 250,50 zł',
    );
    await step('edited');

    await html.fill('<p>Dzień dobry,</p>\n<p>Saldo:</p>\n<p>{{ totals.open | mony }}</p>');
    const problems = page.getByRole('alert', { name: 'Błędy w polu Treść HTML' });
    await eventually(() => textOf(problems)).toMatch(/^Wiersz 3, kolumna \d+: nieznany filtr mony/);
    await preview().getByText('Szablon ma błędy: są pokazane przy polach.').waitFor();
    await step('syntax-error');
    await problems.getByRole('button').click();
    expect(await html.evaluate((e: HTMLTextAreaElement) => e.selectionStart)).toBeGreaterThan(
      '<p>Dzień dobry,</p>\n<p>Saldo:</p>\n'.length - 1,
    );

    await html.fill('<p>Dzień dobry,</p>\n<p>Saldo: {{ totals.open | money }}</p>');
    await problems.waitFor({ state: 'detached' });
    await page.getByLabel('Nazwa', { exact: true }).fill(`Saldo e-mailem ${name}`);
    await page.getByRole('button', { name: 'Utwórz szablon' }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByText('Wersja 1').waitFor();
  }, 90_000);

  it('saves a new version, refuses one over an older version, and lists the template', async () => {
    const id = page.url().split('/').at(-1)!;
    await page.getByLabel('Nazwa', { exact: true }).fill(`Saldo e-mailem ${name} (2)`);
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByText('Wersja 2').waitFor();

    // Someone else saves version 3 meanwhile; this page still edits version 2.
    const { medium, language, kind, subject, html } = await api<Template>(
      'GET',
      `/api/templates/${id}`,
    );
    const draft = { medium, language, kind, subject, html, name: `Zmieniony obok ${name}` };
    await api('PUT', `/api/templates/${id}`, { ...draft, expectedVersion: 2 });
    await page.getByLabel('Nazwa', { exact: true }).fill(`Moja zmiana ${name}`);
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByText('Ktoś zapisał ten szablon w międzyczasie.').waitFor();
    await step('conflict');
    await page.getByRole('button', { name: 'Wczytaj aktualną wersję' }).click();
    await eventually(() => page.getByLabel('Nazwa', { exact: true }).inputValue()).toBe(
      `Zmieniony obok ${name}`,
    );

    await openPage('Szablony');
    const list = page.getByRole('table', { name: 'Szablony wiadomości' });
    const row = list.locator('tbody tr').filter({ hasText: `Zmieniony obok ${name}` });
    await row.waitFor();
    expect(await textOf(row)).toMatch(/E-mail.*polski.*Przypomnienie/);
    await step('list');
  }, 60_000);

  it("counts an SMS's parts, with and without Polish letters", async () => {
    await page.goto(`${app.url}/templates/new`);
    await page
      .getByRole('button', { name: 'Zacznij od szablonu Przypomnienie o płatności – SMS' })
      .click();
    await message('PLN').waitFor();
    await eventually(() => figure(message('PLN'), 'Kodowanie')).toBe('UCS-2');
    const polish = Number(await figure(message('PLN'), 'Części'));
    expect(polish).toBeGreaterThanOrEqual(1);
    await step('sms');

    await page.getByRole('switch', { name: 'Zastąp polskie litery' }).click();
    await eventually(() => figure(message('PLN'), 'Kodowanie')).toBe('GSM-7');
    expect(Number(await figure(message('PLN'), 'Części'))).toBeLessThanOrEqual(polish);
    expect(await textOf(message('PLN').locator('pre'))).toContain('przypominamy o platnosci');
    await step('sms-transliterated');

    await page
      .getByRole('textbox', { name: 'Treść SMS' })
      .fill('Zapłać {{ totals.open | money }}\n{% if totals.count > 1 %}za faktury');
    const problems = page.getByRole('alert', { name: 'Błędy w polu Treść SMS' });
    await problems.getByText('Wiersz 2, kolumna 1: znacznik if nie jest zamknięty').waitFor();
  }, 60_000);
});

/** What the page shows after a debounce, a request or a projection's catching up. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Runs of white space, no-break ones too, as one space. */
const normal = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function textOf(locator: Locator): Promise<string> {
  return normal(await locator.textContent());
}

/** The figure under a label of a description list inside `within`. */
async function figure(within: Locator, label: string): Promise<string> {
  return normal(await within.locator(`dt:text-is("${label}") + dd`).textContent());
}
