import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';

/** Two days of NBP's CSV archive, in Windows-1250 as nbp.pl has it (rates made up). */
const ARCHIVE = Buffer.from(
  [
    'data;1USD;1EUR;100JPY;nr tabeli;pe\u0142ny numer tabeli',
    '20260102;3,6147;4,2345;2,3456;1;001/A/NBP/2026',
    '20260105;3,6200;4,2400;2,3500;2;002/A/NBP/2026',
  ]
    .join('\r\n')
    .replace('\u0142', '\xb3'),
  'latin1',
);

const app = useWebApp('monity-rates-web-');

describe.each(VIEWPORTS)('exchange rates at $viewport.width px', ({ name, viewport }) => {
  let page: Page;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Kasia ${name}`,
      email: `rates-${name}@example.pl`,
      company: `Kantor ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
  }, 60_000);
  afterAll(() => page.context().close());

  it('imports the CSV archive and shows the rates of a Saturday from Friday', async () => {
    await openNavigation(page, name === 'phone', 'Kursy walut');
    await page.getByText('Brak kursów walut na ten dzień').waitFor();
    await page.getByLabel('Wybierz plik').setInputFiles({
      name: 'archiwum_tab_a_2026.csv',
      mimeType: 'text/csv',
      buffer: ARCHIVE,
    });
    await page.getByText('Zaimportowano: 2, poprawiono: 0, bez zmian: 0.').waitFor();

    await page.getByLabel('Kursy na dzień').fill('2026-01-03');
    await page.getByText('4,2345', { exact: true }).waitFor();
    await page.getByText('0,023456', { exact: true }).waitFor();
    await screenshotStep(page, 'rates', `${name}-exchange-rates`);
  }, 60_000);
});
