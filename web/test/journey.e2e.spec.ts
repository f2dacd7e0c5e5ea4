import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, invitationLink, invite, signUp } from './support/accessPages.ts';
import { companyDay, polishTaxId } from './support/fixtures.ts';
import { polishDate } from './support/ledgerFixtures.ts';
import { VIEWPORTS, openNavigation, screenshotFile, useWebApp } from './support/webApp.ts';

/**
 * A new company's whole journey, as a newcomer takes it from the home page's guide: its ERP's
 * invoices imported from a CSV, a group, an SMS and an e-mail template, a process that sends by
 * e-mail or else by SMS, run from its page, and its reminders in the sandbox mailbox; then, on a
 * phone, a manager's look at the dashboard and a customer, with a note and a promise to pay.
 * Every step leaves a screenshot under test-results/screenshots/journey/<size>/.
 */

// Żuraw owes two overdue invoices and has an e-mail address only; Gęś one, and a phone only;
// Bułka's invoice is not due yet. Open 2 834,56 zł, of it 2 534,56 zł overdue.
// A name as long as Polish registered names run: on a phone it must wrap or be cut, not widen.
const ZURAW_NAME = 'Przedsiębiorstwo Handlowo-Usługowe „Żuraw” Zbigniew Żurawski sp.k.';
const ZURAW = ['K001', ZURAW_NAME, 'Łódź', 'ksiegowosc@zuraw.example.pl', ''];
const GES = ['K002', 'Zakład Ślusarski Gęś', 'Kraków', '', '601 234 567'];
const BULKA = ['K003', 'Piekarnia Bułka', 'Gniezno', 'biuro@bulka.example.pl', ''];
const INVOICES = [
  { customer: ZURAW, number: 'FV/1/2026', overdue: 45, amount: '1 234,56' },
  { customer: ZURAW, number: 'FV/2/2026', overdue: 12, amount: '500,00' },
  { customer: GES, number: 'FV/3/2026', overdue: 20, amount: '800,00' },
  { customer: BULKA, number: 'FV/4/2026', overdue: -9, amount: '300,00' },
];
const TAX_IDS = new Map([ZURAW, GES, BULKA].map((customer) => [customer, polishTaxId()]));
/** The ERP's export: its Polish headers, `;` between cells, dates as dd.mm.yyyy, CRLF. */
const CSV = [
  'Kod kontrahenta;Nazwa;NIP;Miasto;E-mail;Telefon;Numer;Data wystawienia;Termin płatności;' +
    'Kwota brutto;Pozostało do zapłaty;Waluta',
  ...INVOICES.map(({ customer, number, overdue, amount }) => {
    const [id, name, city, email, phone] = customer;
    const dates = [polishDate(-overdue - 14), polishDate(-overdue)];
    const cells = [id, name, TAX_IDS.get(customer), city, email, phone, number, ...dates];
    return [...cells, amount, amount, 'PLN'].join(';');
  }),
  '',
].join('\r\n');

const EMAIL_STARTER = 'Przypomnienie o płatności – e-mail';
const SMS_STARTER = 'Przypomnienie o płatności – SMS';
const PASSWORD = 'haslo-123456';

const app = useWebApp('monity-journey-web-');

describe.each(VIEWPORTS)('the three-step journey at $viewport.width px', ({ name, viewport }) => {
  const phone = name === 'phone';
  const company = `Hurtownia Nowa ${name} sp. z o.o.`;
  const processName = `Przypomnienia ${name}`;
  let page: Page;
  let shots = 0;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterAll(() => page.context().close());

  const shoot = (title: string, options?: ShotOptions) =>
    screenshot(page, `journey/${name}/${number(++shots)}-${title}`, options);
  const openPage = async (label: string) => {
    await openNavigation(page, phone, label);
    if (phone) await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  const guide = () => page.getByRole('region', { name: 'Pierwsze kroki' });
  /** Goes home and follows the guide's highlighted task, which must be `label`. */
  const nextTask = async (label: string) => {
    await openPage('Start');
    const task = guide().locator('[aria-current="step"]').getByRole('link', { name: label });
    await task.waitFor();
    await task.click();
  };

  it('signs up a new company, whose home page guides it to the first reminder', async () => {
    await signUp(page, app.url, {
      name: `Anna ${name}`,
      email: `journey-${name}@example.pl`,
      company,
      taxId: polishTaxId(),
      password: PASSWORD,
    });
    const now = guide().locator('[aria-current="step"]');
    await now.getByRole('link', { name: 'Importuj faktury' }).waitFor();
    await guide().getByText('Krok 1 z 3').waitFor();
    await shoot('home-guide');
    await now.getByRole('link', { name: 'Importuj faktury' }).click();
    await page.waitForURL(`${app.url}/import`);
  });

  it('imports a CSV of invoices: upload, mapping, dry run, import and its progress', async () => {
    await page.getByLabel('Wybierz plik z dysku').setInputFiles({
      name: 'faktury.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    const sample = page.getByRole('table', { name: 'Podgląd pliku' });
    await sample.getByText('Zakład Ślusarski Gęś').first().waitFor();
    // The ERP's Polish headers pick the columns, contacts too.
    expect(await mapped('Termin płatności')).toBe('Termin płatności');
    expect(await mapped('E-mail')).toBe('E-mail');
    expect(await mapped('Telefon')).toBe('Telefon');
    await shoot('import-mapping', { focus: page.getByRole('combobox', { name: 'E-mail' }) });

    await page.getByRole('button', { name: 'Sprawdź plik (bez zapisywania)' }).click();
    const checked = page.getByText('Poprawne wiersze: 4 z 4.');
    await checked.waitFor();
    await shoot('import-dry-run', { focus: checked });

    await page.getByRole('button', { name: 'Importuj poprawne wiersze (4)' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Zakończony' });
    await done.waitFor({ timeout: 30_000 });
    await shoot('import-done', { focus: done });
  }, 60_000);

  it('builds a group whose live preview follows a changed criterion', async () => {
    await nextTask('Zbuduj grupę');
    const preview = page.getByRole('region', { name: 'Podgląd grupy' });
    // A new group starts with the overdue invoices: three of two customers.
    await eventually(() => figure(preview, 'Faktury')).toBe('3');
    expect(await figure(preview, 'Klienci')).toBe('2');
    expect(await textOf(preview)).toContain('2 534,56 zł');
    await shoot('group-preview', { focus: preview });

    const days = page.getByRole('group', { name: 'Warunek 1: Dni po terminie' }).getByLabel('Od');
    await days.fill('30');
    await eventually(() => figure(preview, 'Faktury')).toBe('1');
    expect(await figure(preview, 'Klienci')).toBe('1');
    expect(await textOf(preview)).toContain('1 234,56 zł');
    await preview.getByRole('link', { name: ZURAW_NAME }).waitFor();
    await shoot('group-preview-30-days', { focus: preview });

    await days.fill('10');
    await eventually(() => figure(preview, 'Faktury')).toBe('3');
    expect(await figure(preview, 'Klienci')).toBe('2');
    await preview.getByRole('link', { name: 'Zakład Ślusarski Gęś' }).waitFor();
    await page.getByLabel('Nazwa').fill('Ponad 10 dni po terminie');
    await page.getByRole('button', { name: 'Utwórz grupę' }).click();
    await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const members = page.getByRole('table', { name: 'Klienci w grupie' });
    await members.getByRole('row').filter({ hasText: 'Zakład Ślusarski Gęś' }).waitFor();
    await shoot('group-saved', { focus: members });
  }, 60_000);

  it('writes an SMS and an e-mail template, each previewed for a real customer', async () => {
    const preview = page.getByRole('region', { name: 'Podgląd' });
    const message = preview.getByRole('article', { name: 'Wiadomość w PLN' });

    await nextTask('Napisz szablon');
    await page.getByRole('button', { name: `Zacznij od szablonu ${SMS_STARTER}` }).click();
    await eventually(() => figure(message, 'Kodowanie')).toBe('UCS-2');
    expect(Number(await figure(message, 'Części'))).toBeGreaterThanOrEqual(1);
    const text = await textOf(message.locator('pre'));
    expect(text).toContain(`${company}: przypominamy o płatności 1 734,56 zł za 2 faktury`);
    await settled();
    await shoot('template-sms', { focus: message });
    await page.getByRole('button', { name: 'Utwórz szablon' }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByText('Wersja 1').waitFor();

    // The SMS is done, so the guide still asks for a template: the e-mail is the second one.
    await page.goto(`${app.url}/templates/new`);
    await page.getByRole('button', { name: `Zacznij od szablonu ${EMAIL_STARTER}` }).click();
    // The customer owing most is previewed: Żuraw, two invoices.
    await eventually(() => textOf(message)).toContain('Przypomnienie o płatności – 2 faktury');
    await eventually(async () =>
      normal(await message.locator('iframe').getAttribute('srcdoc')),
    ).toContain(ZURAW_NAME);
    await settled();
    // In view first: Chromium does not paint a frame out of view.
    await message.scrollIntoViewIfNeeded();
    await message.frameLocator('iframe').getByText('Łącznie do zapłaty').waitFor();
    await shoot('template-email', { focus: message });
    await page.getByRole('button', { name: 'Utwórz szablon' }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByText('Wersja 1').waitFor();
  }, 60_000);

  it('creates a process: its step, timing, channels and sending window', async () => {
    await nextTask('Utwórz proces');
    await page.getByLabel('Nazwa', { exact: true }).fill(processName);
    const first = page.getByRole('region', { name: 'Krok 1', exact: true });
    await first.getByLabel('Nazwa kroku').fill('Przypomnienie');
    await choose(first, 'Grupa', 'Ponad 10 dni po terminie');
    await first.getByText('3 dni po terminie płatności').waitFor();
    // E-mail first; a customer without an address for it gets the SMS.
    await choose(channel(first, 1), 'Szablon', EMAIL_STARTER);
    await first.getByRole('button', { name: 'Dodaj kanał zapasowy' }).click();
    await choose(channel(first, 2), 'Szablon', SMS_STARTER);

    // Every day, round the clock, holidays too: the run below sends whenever the test runs.
    const days = page.getByRole('group', { name: 'Dni wysyłki' });
    await days.getByRole('button', { name: 'sobota' }).click();
    await days.getByRole('button', { name: 'niedziela' }).click();
    await page.getByLabel('Od godziny').fill('00:00');
    await page.getByLabel('Do godziny').fill('23:59');
    await page.getByRole('switch', { name: /Pomijaj święta w Polsce/ }).click();
    const timeline = page.getByRole('region', { name: 'Przebieg procesu' });
    await eventually(() => textOf(timeline)).toContain(
      'Wysyłka: pn, wt, śr, czw, pt, sob, nd, 00:00–23:59 (Europe/Warsaw)',
    );
    const summary = await textOf(timeline);
    expect(summary).toContain('3 dni po terminie płatności · dzień +3');
    expect(summary).toContain(`E-mail (${EMAIL_STARTER}) → SMS (${SMS_STARTER})`);
    expect(summary).not.toContain('bez świąt');
    await shoot('process-built', { focus: timeline });

    await page.getByRole('button', { name: 'Utwórz proces' }).click();
    await page.waitForURL(/\/processes\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByText('Zatrzymany').first().waitFor();
    await shoot('process-saved');
  }, 60_000);

  it('starts the process, runs it now, finds its reminders in the sandbox mailbox', async () => {
    await page.getByRole('button', { name: `Uruchom proces ${processName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Uruchomić proces ${processName}?`).waitFor();
    await dialog.getByRole('button', { name: 'Uruchom', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Działa').first().waitFor();
    await closeToasts(page);

    await page.getByRole('button', { name: 'Wyślij należne teraz' }).click();
    await dialog.getByText('Wykonać teraz należne kroki procesów?').waitFor();
    await shoot('process-run-confirm');
    await dialog.getByRole('button', { name: 'Wykonaj kroki teraz' }).click();
    // Two, unless the scheduler's minute came between the start and this run.
    await page.getByText(/^Zaplanowano wiadomości: \d+\.$/).waitFor();
    const overview = page.getByRole('region', { name: 'Wyniki kroku 1' });
    await eventually(async () => {
      await page.getByRole('button', { name: 'Odśwież' }).click();
      return (await overview.count()) > 0 ? overview.locator('dl').innerText() : '';
    }).toMatch(/Klienci objęci krokiem\s+2/);
    await shoot('process-run', { focus: overview, toasts: true });

    await openPage('Skrzynka');
    const list = page.getByRole('list', { name: 'Wiadomości' });
    const email = list.getByRole('button').filter({ hasText: 'ksiegowosc@zuraw.example.pl' });
    const sms = list.getByRole('button').filter({ hasText: '+48601234567' });
    await email.waitFor({ timeout: 20_000 });
    await sms.waitFor({ timeout: 20_000 });
    expect(await textOf(email)).toContain('Przypomnienie o płatności – 2 faktury');
    expect(await textOf(sms)).toContain('800,00 zł za fakturę FV/3/2026');
    await shoot('mailbox', { focus: list });

    await email.click();
    const body = page.getByTitle(/^Treść wiadomości Przypomnienie o płatności – 2 faktury/);
    await eventually(async () => normal(await body.getAttribute('srcdoc'))).toContain(
      '1 734,56 zł',
    );
    await body.scrollIntoViewIfNeeded();
    await body.contentFrame().getByText('Łącznie do zapłaty').waitFor();
    await shoot('mailbox-email', { focus: body });
    if (phone) await page.getByRole('button', { name: 'Zamknij wiadomość' }).click();
    await sms.click();
    await page.getByRole('heading', { name: 'SMS do +48601234567' }).waitFor();
    const text = page.locator('pre').filter({ hasText: 'FV/3/2026' });
    await text.waitFor();
    await shoot('mailbox-sms', { focus: text });
  }, 60_000);

  // A manager checks from a phone: only at 390 px.
  if (phone)
    it('a manager on a phone: the dashboard, a customer, a note and a promise to pay', async () => {
      const manager = { name: 'Marek Kierownik', email: 'marek@hurtownia-nowa.example.pl' };
      await openPage('Użytkownicy');
      await page.getByRole('combobox', { name: 'Rola', exact: true }).click();
      await page.getByRole('option', { name: 'Administrator' }).click();
      await invite(page, manager.email);
      await openPage('Skrzynka');
      const link = await invitationLink(page);

      const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
      context.setDefaultTimeout(15_000);
      const person = await context.newPage();
      const shootManager = (title: string, options?: ShotOptions) =>
        screenshot(person, `journey/phone/${number(++shots)}-${title}`, options);
      try {
        await person.goto(link);
        await acceptInvitation(person, { name: manager.name, password: PASSWORD });

        await openNavigation(person, true, 'Pulpit');
        const total = person.getByRole('region', { name: 'Należności ogółem' });
        await total.getByText('2 834,56 zł').waitFor();
        const overdue = person.getByRole('region', { name: 'Należności przeterminowane' });
        expect(await textOf(overdue)).toContain('2 534,56 zł');
        const debtors = person.getByRole('table', { name: 'Najwięksi dłużnicy' });
        await debtors.getByRole('link', { name: ZURAW_NAME }).waitFor();
        await shootManager('manager-dashboard');

        await debtors.getByRole('link', { name: ZURAW_NAME }).click();
        await person.getByRole('heading', { name: ZURAW_NAME, level: 2 }).waitFor();
        const collection = person.getByRole('region', { name: 'Windykacja', exact: true });
        const steps = collection.getByRole('list', { name: `Kroki procesu ${processName}` });
        await steps.getByText('Przypomnienie').first().waitFor();
        await steps.getByRole('link', { name: 'Wiadomość' }).waitFor();
        await shootManager('manager-customer', { focus: collection });

        await person.getByRole('tab', { name: /Notatki/ }).click();
        const note = 'Rozmowa z księgową: przelew po zamknięciu miesiąca.';
        await person.getByLabel('Nowa notatka').fill(note);
        await person.getByRole('button', { name: 'Dodaj notatkę' }).click();
        const written = person.getByRole('listitem').filter({ hasText: note });
        await written.getByText(manager.name).waitFor();
        await shootManager('manager-note', { focus: written });

        await collection.getByRole('button', { name: 'Zapisz obietnicę zapłaty' }).click();
        const dialog = person.getByRole('dialog');
        await dialog.getByLabel('Zapłaci do dnia').fill(companyDay(7));
        await dialog.getByLabel('Kwota').fill('1 734,56');
        await dialog.getByLabel('Notatka').fill('Obiecała całość do końca tygodnia');
        await shootManager('manager-promise-form');
        await dialog.getByRole('button', { name: 'Zapisz obietnicę' }).click();
        await dialog.waitFor({ state: 'detached' });
        await collection.getByText('Obiecała całość do końca tygodnia').waitFor();
        const promise = collection.getByText(/Obietnica zapłaty do .* · 1\s734,56\szł/);
        await promise.waitFor();
        await shootManager('manager-promise', { focus: promise });
      } finally {
        await context.close();
      }
    }, 60_000);

  /** The column chosen for an import field, read from its select (a required one's has a *). */
  async function mapped(label: string): Promise<string> {
    const select = page.getByRole('combobox', { name: new RegExp(`^${label}\\*?$`) });
    return ((await select.textContent()) ?? '').trim();
  }

  async function choose(within: Locator, label: string, option: string) {
    await within.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  function channel(within: Locator, n: number) {
    return within.getByRole('group', { name: `Kanał ${n}`, exact: true });
  }

  /** A template's preview answers each edit: its busy marks are gone once it shows the last. */
  async function settled() {
    await eventually(() => page.locator('[aria-busy="true"]').count()).toBe(0);
  }
});

interface ShotOptions {
  /** Scrolled into view first: what the step is about, below the fold on a phone. */
  focus?: Locator;
  /** Keep the toasts, which otherwise are closed not to cover the page. */
  toasts?: boolean;
}

/**
 * `test-results/screenshots/<file>.png` of the window, once the page does not scroll sideways;
 * the caller has waited for what the step shows. The app's panels scroll inside the window, so
 * `fullPage` is the window: `focus` picks the part shown.
 */
async function screenshot(page: Page, file: string, options: ShotOptions = {}) {
  if (!options.toasts) await closeToasts(page);
  await options.focus?.scrollIntoViewIfNeeded();
  // Neither the page nor the panels that scroll inside it.
  const sideways = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('[data-slot="body"]')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName} ${e.scrollWidth} > ${e.clientWidth}`),
  );
  expect(sideways, `${file} scrolls sideways`).toEqual([]);
  await page.screenshot({ path: screenshotFile(`${file}.png`), fullPage: true });
}

/** Closes the toasts open on the page. */
async function closeToasts(page: Page) {
  const close = page.locator('[data-swipe-direction][data-state="open"] [data-slot="close"]');
  while ((await close.count()) > 0) await close.first().click();
  // Gone, not fading out in the screenshot.
  await page.waitForFunction(() => !document.querySelector('[data-swipe-direction]'));
}

/** A step's number in its screenshot's name: 01, 02, … */
const number = (n: number) => String(n).padStart(2, '0');

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
