import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { invoiceExport, polishDate } from './support/ledgerFixtures.ts';
import { pageApi } from './support/pageApi.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';

const EXPORT = invoiceExport([
  {
    customerId: 'K001',
    name: 'Piekarnia Złoty Kłos sp. z o.o.',
    taxId: polishTaxId(),
    city: 'Poznań',
    number: 'FV/10/2026',
    issued: polishDate(-40),
    due: polishDate(-26),
    amount: '2 460,00',
    open: '2 460,00',
  },
  {
    customerId: 'K002',
    name: 'Studio Źródło',
    taxId: polishTaxId(),
    city: 'Lublin',
    number: 'FV/11/2026',
    issued: polishDate(-3),
    due: polishDate(11),
    amount: '369,00',
    open: '369,00',
  },
]);

/** The pages of a new company that hold nothing yet: what each says, and where it leads. */
const EMPTY_PAGES = [
  { path: '/invoices', title: 'Nie ma jeszcze faktur', action: 'Importuj faktury' },
  { path: '/payments', title: 'Nie ma jeszcze płatności', action: 'Importuj płatności' },
  { path: '/groups', title: 'Nie ma jeszcze grup', action: 'Nowa grupa' },
  { path: '/templates', title: 'Nie ma jeszcze szablonów', action: 'Nowy szablon' },
  { path: '/processes', title: 'Nie ma jeszcze procesów', action: 'Nowy proces' },
  { path: '/approvals', title: 'Nic nie czeka na akceptację', action: 'Procesy windykacyjne' },
  {
    path: '/messages',
    title: 'Nie wysłano jeszcze żadnej wiadomości',
    action: 'Przejdź do procesów',
  },
];

const app = useWebApp('monity-first-run-web-');

describe.each(VIEWPORTS)('a new company at $viewport.width px', ({ name, viewport }) => {
  let page: Page;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Marta ${name}`,
      email: `first-run-${name}@example.pl`,
      company: `Nowa Firma ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-first-run-${title}`);
  const guide = () => page.getByRole('region', { name: 'Pierwsze kroki' });
  /** The task to do now, and the step card that holds it. */
  const next = () => guide().locator('[aria-current="step"]');
  const currentStep = () =>
    guide()
      .locator('ol > li')
      .filter({ has: page.locator('[aria-current="step"]') });

  it('greets the empty company with the three steps, the first one highlighted', async () => {
    await next().getByRole('link', { name: 'Importuj faktury' }).waitFor();
    expect(await guide().locator('[aria-current="step"]').count()).toBe(1);
    expect(await currentStep().textContent()).toContain('Krok 1 z 3');
    expect(await currentStep().textContent()).toContain('Teraz');
    // The sandbox is a channel from the start: messages stay in the test mailbox.
    await guide().getByRole('link', { name: 'Wybierz kanał (zrobione)' }).waitFor();
    await guide().getByText('Piaskownica jest gotowa').waitFor();
    for (const later of ['Napisz szablon', 'Utwórz proces']) {
      await guide().getByRole('link', { name: later, exact: true }).waitFor();
    }
    // The ordinary home page's tiles give way to the guide.
    expect(await page.getByText('DSO i CEI na jednym ekranie').count()).toBe(0);
    await step('guide');
  }, 30_000);

  it('says on every empty page what to do next', async () => {
    await openNavigation(page, name === 'phone', 'Klienci');
    const customers = page.getByRole('group', { name: 'Nie ma jeszcze klientów' });
    await customers.getByText('z pliku CSV lub XLSX').waitFor();
    await customers.getByRole('link', { name: 'Importuj faktury' }).waitFor();
    await step('customers-empty');

    for (const empty of EMPTY_PAGES) {
      await page.goto(`${app.url}${empty.path}`);
      const state = page.getByRole('group', { name: empty.title });
      await state.getByRole('link', { name: empty.action }).waitFor();
      expect(await page.getByRole('table').count(), `${empty.path} shows a table`).toBe(0);
    }
    await step('messages-empty');
  }, 60_000);

  it('moves the highlight on as the company imports its invoices and builds a group', async () => {
    await page.goto(`${app.url}/customers`);
    await page
      .getByRole('group', { name: 'Nie ma jeszcze klientów' })
      .getByRole('link', { name: 'Importuj faktury' })
      .click();
    await page.waitForURL(`${app.url}/import`);
    await page.getByLabel('Wybierz plik z dysku').setInputFiles({
      name: 'faktury.csv',
      mimeType: 'text/csv',
      buffer: EXPORT,
    });
    await page.getByRole('table', { name: 'Podgląd pliku' }).getByText('Studio Źródło').waitFor();
    await page.getByRole('button', { name: 'Sprawdź plik (bez zapisywania)' }).click();
    await page.getByRole('button', { name: 'Importuj poprawne wiersze (2)' }).click();
    await page.getByRole('status').filter({ hasText: 'Zakończony' }).waitFor({ timeout: 30_000 });

    await openNavigation(page, name === 'phone', 'Start');
    await next().getByRole('link', { name: 'Zbuduj grupę' }).waitFor();
    await guide().getByRole('link', { name: 'Importuj faktury (zrobione)' }).waitFor();
    expect(await currentStep().textContent()).toContain('Krok 1 z 3');
    await step('guide-imported');

    const api = pageApi(page, app.url);
    await api('POST', '/api/groups', {
      name: `Przeterminowani ${name}`,
      criteria: { and: [{ field: 'daysOverdue', op: 'between', value: { min: 1 } }] },
    });
    await next().getByRole('link', { name: 'Napisz szablon' }).waitFor();
    expect(await currentStep().textContent()).toContain('Krok 2 z 3');
    const first = guide().locator('ol > li').first();
    expect(await first.textContent()).toContain('Gotowe');
    await step('guide-grouped');
  }, 90_000);
});

describe('the demo company', () => {
  it('opens on its ordinary home page, for it has taken every step', async () => {
    const [, email, password] = /demo company as (\S+) with password (\S+)/.exec(app.output())!;
    const page = await app.browser.newPage({ viewport: VIEWPORTS[0]!.viewport, locale: 'pl-PL' });
    page.setDefaultTimeout(30_000);
    await page.goto(`${app.url}/login`);
    await page.getByLabel('E-mail').fill(email!);
    await page.getByLabel('Hasło', { exact: true }).fill(password!);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByText('Witaj, Anna Demo').waitFor();
    // Its ledger may still be reaching the read models: the home page follows them.
    await page.getByText('DSO i CEI na jednym ekranie').waitFor();
    expect(await page.getByRole('region', { name: 'Pierwsze kroki' }).count()).toBe(0);
    await screenshotStep(page, 'demo home', 'desktop-first-run-demo-home');

    // Its process stands stopped, over the demo's groups and starter templates.
    await page.goto(`${app.url}/processes`);
    await page.getByRole('link', { name: 'Windykacja standardowa' }).click();
    await page.getByText('Przypomnienie przed terminem').first().waitFor();
    await page.getByText('Wezwanie do zapłaty – e-mail').first().waitFor();
    await screenshotStep(page, 'demo process', 'desktop-first-run-demo-process');
    await page.close();
  }, 60_000);
});
