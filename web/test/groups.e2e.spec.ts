import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { companyDay, polishTaxId } from './support/fixtures.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';

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

// Overdue: FV/1 45 days and FV/2 5 days (Żółw), FV/4 190 days (Nowak), FV/5 20 days in EUR
// (Mewa); FV/6 (Bułka) is due in 10 days. In PLN: 6 550,50 zł open, 6 250,50 zł of it overdue.
const LEDGER = {
  customers: [
    { id: 'K1', name: 'Hurtownia Żółw sp. z o.o.', taxId: polishTaxId(), city: 'Kraków' },
    { id: 'K2', name: 'Transport Nowak', taxId: polishTaxId(), city: 'Łódź' },
    { id: 'K3', name: 'Ośrodek Wczasowy Mewa', taxId: polishTaxId(), city: 'Sopot' },
    { id: 'K4', name: 'Piekarnia Bułka', taxId: polishTaxId(), city: 'Gniezno' },
  ],
  invoices: [
    invoice('FV/1', 'K1', 45, '1000.00'),
    invoice('FV/2', 'K1', 5, '250.50'),
    invoice('FV/4', 'K2', 190, '5000.00'),
    invoice('FV/5', 'K3', 20, '800.00', 'EUR'),
    invoice('FV/6', 'K4', -10, '300.00'),
  ],
};

const app = useWebApp('monity-groups-web-');

describe.each(VIEWPORTS)('collection groups and the dashboard at $viewport.width px', (view) => {
  const { name, viewport } = view;
  let page: Page;
  let groupId = '';

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Marta ${name}`,
      email: `groups-${name}@example.pl`,
      company: `Windykacja ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
    await api('POST', '/api/ledger/batch', LEDGER);
    for (let loaded = 0; loaded < LEDGER.invoices.length;) {
      await page.waitForTimeout(200);
      loaded = ((await api('GET', '/api/invoices')) as { items: unknown[] }).items.length;
    }
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-groups-${title}`);
  const openPage = async (label: string) => {
    await openNavigation(page, name === 'phone', label);
    if (name === 'phone') await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  const preview = () => page.getByRole('region', { name: 'Podgląd grupy' });
  const condition = (n: number, field: string) =>
    page.getByRole('group', { name: `Warunek ${n}: ${field}` });

  it('builds a group whose preview follows each edit of its conditions', async () => {
    await openPage('Grupy windykacyjne');
    await page.getByText('Nie ma jeszcze grup').waitFor();
    await page.getByRole('link', { name: 'Nowa grupa' }).first().click();

    // A new group starts with the overdue invoices: four of three customers.
    await eventually(() => figure(preview(), 'Klienci')).toBe('3');
    expect(await figure(preview(), 'Faktury')).toBe('4');
    await step('new');

    const days = condition(1, 'Dni po terminie');
    await days.getByLabel('Od').fill('30');
    await eventually(() => figure(preview(), 'Faktury')).toBe('2');
    expect(await figure(preview(), 'Klienci')).toBe('2');
    expect(await textOf(preview())).toContain('6 000,00 zł');

    await days.getByLabel('Od').fill('trzydzieści');
    await days.getByText('Podaj liczbę całkowitą.').waitFor();
    await step('refused');
    await days.getByLabel('Od').fill('30');
    await days.getByText('Podaj liczbę całkowitą.').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Dodaj warunek' }).click();
    await page.getByRole('menuitem', { name: 'Kwota brutto faktury' }).click();
    await condition(2, 'Kwota brutto faktury').getByLabel('Od').fill('2 000,00');
    await eventually(() => figure(preview(), 'Faktury')).toBe('1');
    expect(await figure(preview(), 'Klienci')).toBe('1');
    await preview().getByRole('link', { name: 'Transport Nowak' }).waitFor();
    await step('edited');

    await page.getByLabel('Nazwa').fill(`Duże zaległości ${name}`);
    await page.getByRole('button', { name: 'Utwórz grupę' }).click();
    await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    groupId = page.url().split('/').at(-1)!;
    const members = page.getByRole('table', { name: 'Klienci w grupie' });
    await members.getByRole('row').filter({ hasText: 'Transport Nowak' }).waitFor();
    expect(await textOf(members)).toContain('FV/4');
    expect(await textOf(members)).not.toContain('FV/1');
    await step('saved');

    const csv = page.getByRole('link', { name: 'Pobierz CSV' });
    const download = await page.request.get(`${app.url}${await csv.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('FV/4');
  }, 90_000);

  it('reopens a group, saves version 2, refuses a save on an old version, deletes it', async () => {
    await openPage('Grupy windykacyjne');
    const list = page.getByRole('table', { name: 'Grupy windykacyjne' });
    await list
      .getByRole('row')
      .filter({ hasText: `Duże zaległości ${name}` })
      .waitFor();
    await step('list');
    await list.getByRole('link', { name: `Duże zaległości ${name}` }).click();

    await eventually(() => condition(1, 'Dni po terminie').getByLabel('Od').inputValue()).toBe(
      '30',
    );
    expect(await condition(2, 'Kwota brutto faktury').getByLabel('Od').inputValue()).toBe(
      '2000,00',
    );
    await eventually(() => figure(preview(), 'Klienci')).toBe('1');

    await page.getByLabel('Nazwa').fill(`Duże zaległości ${name} (powyżej 2 000 zł)`);
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByText('Zapisano grupę', { exact: false }).first().waitFor();
    await page.getByRole('tab', { name: 'Historia zmian' }).click();
    await page.getByText('Wersja 2').waitFor();
    await page.getByText('Wersja 1').waitFor();
    await step('versions');

    // Someone else saves version 3 meanwhile; this page still edits version 2.
    const current = (await api('GET', `/api/groups/${groupId}`)) as Record<string, unknown>;
    await api('PUT', `/api/groups/${groupId}`, {
      name: `Zmieniona obok ${name}`,
      criteria: current.criteria,
      expectedVersion: 2,
    });
    await page.getByLabel('Nazwa').fill(`Moja zmiana ${name}`);
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByText('Ktoś zapisał tę grupę w międzyczasie.').waitFor();
    await step('conflict');
    await page.getByRole('button', { name: 'Wczytaj aktualną wersję' }).click();
    await eventually(() => page.getByLabel('Nazwa').inputValue()).toBe(`Zmieniona obok ${name}`);

    await page.getByRole('button', { name: 'Usuń grupę' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Usunąć grupę Zmieniona obok ${name}?`).waitFor();
    await dialog.getByRole('button', { name: 'Usuń grupę' }).click();
    await page.getByText('Nie ma jeszcze grup').waitFor();
  }, 90_000);

  it('shows the receivables on the dashboard, and a new invoice without reloading', async () => {
    await openPage('Pulpit');
    const total = page.getByRole('region', { name: 'Należności ogółem' });
    await total.getByText('6 550,50 zł').waitFor();
    const overdue = page.getByRole('region', { name: 'Należności przeterminowane' });
    expect(await textOf(overdue)).toContain('6 250,50 zł');
    await page.getByText('Brak kursu średniego NBP dla: EUR').waitFor();
    await page.getByRole('region', { name: 'Rotacja należności (DSO)' }).waitFor();
    await page.getByRole('region', { name: 'Skuteczność windykacji (CEI)' }).waitFor();
    const debtors = page.getByRole('table', { name: 'Najwięksi dłużnicy' });
    await debtors.getByRole('link', { name: 'Transport Nowak' }).waitFor();
    await page.getByText('aktualizowane na bieżąco', { exact: false }).waitFor();
    await step('dashboard');

    // A reminder sent by hand about FV/1: the collection section counts it without a reload.
    const { items } = (await api('GET', '/api/invoices?limit=50')) as {
      items: { id: string; sourceId: string; customerId: string }[];
    };
    const fv1 = items.find((i) => i.sourceId === 'FV/1')!;
    await api('POST', '/api/messages', {
      medium: 'email',
      to: 'ksiegowosc@zolw.example.pl',
      subject: 'Przypomnienie o płatności',
      text: 'Przypominamy o fakturze FV/1.',
      customerId: fv1.customerId,
      currency: 'PLN',
      invoiceIds: [fv1.id],
    });
    const reminders = page.getByRole('region', { name: 'Wysłane przypomnienia' });
    await reminders.getByText('1', { exact: true }).waitFor({ timeout: 20_000 });
    const paid = page.getByRole('region', { name: 'Zapłacono w ciągu 14 dni od przypomnienia' });
    expect(await textOf(paid)).toContain('0% z kwoty przypomnień (1 000,00 zł)');
    const channels = page.getByRole('table', { name: 'Wiadomości według kanału i statusu' });
    await channels.getByText('wysłana: 1').waitFor({ timeout: 20_000 });
    expect(await textOf(channels)).toContain('E-mail · Piaskownica');
    await reminders.scrollIntoViewIfNeeded();
    await step('dashboard-collection');

    await api('POST', '/api/ledger/batch', {
      invoices: [invoice('FV/7', 'K4', 10, '1000.00')],
    });
    await total.getByText('7 550,50 zł').waitFor({ timeout: 20_000 });
    expect(await textOf(overdue)).toContain('7 250,50 zł');

    await page.getByRole('combobox', { name: 'Waluta' }).click();
    await page.getByRole('option', { name: 'EUR', exact: true }).click();
    await total.getByText('800,00 EUR').waitFor();
    await page.getByText('Brak kursu średniego NBP dla: EUR').waitFor({ state: 'detached' });
    await step('dashboard-eur');

    await debtors.getByRole('link', { name: 'Ośrodek Wczasowy Mewa' }).click();
    await page.getByRole('heading', { name: 'Ośrodek Wczasowy Mewa', level: 2 }).waitFor();
  }, 90_000);

  // After the dashboard's test: K1 (Żółw) has had a message, FV/7 (Bułka) is 10 days overdue.
  it("chooses a step of a process from the company's, and customers not yet contacted", async () => {
    const template = (await api('POST', '/api/templates', {
      name: 'Przypomnienie',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Przypomnienie {{ transfer_title }}',
      html: '<p>{{ totals.open | money }}</p>',
    })) as { id: string };
    const process = (await api('POST', '/api/processes', {
      name: `Windykacja ${name}`,
      steps: [
        {
          id: crypto.randomUUID(),
          name: 'Pierwsze przypomnienie',
          kind: 'reminder',
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels: [{ medium: 'email', templateId: template.id }],
          timing: { from: 'dueDate', days: 3 },
          approval: 'automatic',
        },
      ],
    })) as { id: string; version: number };
    await api('POST', `/api/processes/${process.id}/start`, { expectedVersion: process.version });
    await eventually(async () => {
      const read = (await api('GET', `/api/processes/${process.id}`)) as { active: boolean };
      return read.active;
    }).toBe(true);
    // The customers have no addresses: the PLN invoices 3 days overdue reach the step without
    // a message (FV/1, FV/2, FV/4, FV/7); FV/5 in EUR does not.
    await api('POST', '/api/collection/run');

    await openPage('Grupy windykacyjne');
    await page.getByRole('link', { name: 'Nowa grupa' }).first().click();
    // Overdue: FV/1, FV/2, FV/4, FV/5 and FV/7, of four customers.
    await eventually(() => figure(preview(), 'Faktury')).toBe('5');

    await page.getByRole('button', { name: 'Dodaj warunek' }).click();
    await page.getByRole('menuitem', { name: 'Krok procesu' }).click();
    const reached = condition(2, 'Krok procesu');
    expect(await textOf(reached.getByRole('combobox', { name: 'Proces windykacji' }))).toBe(
      `Windykacja ${name}`,
    );
    expect(await textOf(reached.getByRole('combobox', { name: 'Krok' }))).toBe(
      '1. Pierwsze przypomnienie',
    );
    await eventually(() => figure(preview(), 'Faktury')).toBe('4');
    expect(await figure(preview(), 'Klienci')).toBe('3');

    await reached.getByRole('combobox', { name: 'Warunek' }).click();
    await page.getByRole('option', { name: 'jeszcze nieosiągnięty' }).click();
    await eventually(() => figure(preview(), 'Faktury')).toBe('1');
    await preview().getByRole('link', { name: 'Ośrodek Wczasowy Mewa' }).waitFor();
    await reached.getByRole('combobox', { name: 'Warunek' }).click();
    await page.getByRole('option', { name: 'już osiągnięty' }).click();
    await eventually(() => figure(preview(), 'Faktury')).toBe('4');

    await page.getByRole('button', { name: 'Dodaj warunek' }).click();
    await page.getByRole('menuitem', { name: 'Kontakt z klientem' }).click();
    const contact = condition(3, 'Kontakt z klientem');
    const never = contact.getByRole('switch', { name: 'z klientem nie było jeszcze kontaktu' });
    await never.waitFor();
    // Not Żółw, who had a message: FV/4 of Nowak and FV/7 of Bułka.
    await eventually(() => figure(preview(), 'Faktury')).toBe('2');
    expect(await figure(preview(), 'Klienci')).toBe('2');
    await step('steps-and-contacts');
    await never.click();
    await eventually(() => textOf(contact)).toContain('klient dostał już wiadomość');
    await eventually(() => figure(preview(), 'Klienci')).toBe('1');
    await preview().getByRole('link', { name: 'Hurtownia Żółw sp. z o.o.' }).waitFor();
    expect(await figure(preview(), 'Faktury')).toBe('2');
  }, 90_000);

  /** A request of the signed-in person, as the web app sends it (cookie and CSRF token). */
  async function api(method: string, path: string, body?: unknown): Promise<unknown> {
    const session = await page.request.get(`${app.url}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await page.request.fetch(`${app.url}${path}`, {
      method,
      headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
    return response.status() === 204 ? undefined : response.json();
  }
});

/** What the page shows after a debounce, a request or a projection's catching up. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** The figure under a label of a description list inside `within`. */
async function figure(within: Locator, label: string): Promise<string> {
  const value = within.locator(`dt:text-is("${label}") + dd`);
  return ((await value.textContent()) ?? '').trim();
}

/** The text of an element with runs of white space (non-breaking ones too) as one space. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
