import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, invitationLink, invite, signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import {
  VIEWPORTS,
  openNavigation,
  screenshotFile,
  screenshotStep,
  useWebApp,
} from './support/webApp.ts';

const PASSWORD = 'dobre-haslo-123';

const app = useWebApp('monity-web-');

describe.each(VIEWPORTS)('the web app at $viewport.width px', ({ name, viewport }) => {
  const owner = { email: `owner-${name}@example.pl`, name: `Olga ${name}` };
  const company = `Hurtownia ${name} sp. z o.o.`;
  let page: Page;
  let member: Page; // the invited person's own browser

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-${title}`);
  const openPage = (label: string) => openNavigation(page, name === 'phone', label);

  it('signs up a company and lands on its home page', async () => {
    await signUp(page, app.url, { ...owner, company, taxId: polishTaxId(), password: PASSWORD });
    await page.getByText(company).filter({ visible: true }).first().waitFor();
    await step('signup');
  }, 60_000);

  it('logs out, refuses a wrong password, and logs in again', async () => {
    await page.getByRole('button', { name: `Konto: ${owner.name}` }).click();
    await page.getByRole('menuitem', { name: 'Wyloguj się' }).click();
    await page.waitForURL(`${app.url}/login`);
    await page.getByText('Tryb piaskownicy: e-maile trafiają do skrzynki').waitFor();

    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Hasło', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nieprawidłowy e-mail lub hasło.' }).waitFor();
    await step('login-refused');

    await page.getByLabel('Hasło', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(`${app.url}/`);
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

    member = await app.browser.newPage({ viewport, locale: 'pl-PL' });
    await member.goto(link);
    await member.getByText(company).waitFor();
    await acceptInvitation(member, { name: invitee.name, password: PASSWORD });
    await member.screenshot({ path: screenshotFile(`${name}-invitation-accepted.png`) });
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
    const served = await page.request.get(`${app.url}/api/audit-log/actions`);
    if (served.status() === 404) skip('the audit log API is not served yet');

    await openPage('Dziennik zdarzeń');
    const log = page.getByRole('table', { name: 'Dziennik zdarzeń' });
    await log.getByText('Utworzono klucz API').first().waitFor();
    // On a phone the filters wait behind their button, as every list's do.
    if (name === 'phone') await page.getByRole('button', { name: 'Filtry', exact: true }).click();
    await page.getByRole('combobox', { name: 'Działanie' }).click();
    await page.getByRole('option', { name: 'Zaproszono użytkownika' }).click();
    await log.getByText('Utworzono klucz API').first().waitFor({ state: 'detached' });
    await log.getByText('Zaproszono użytkownika').first().waitFor();
    await step('audit-log');

    const csv = await page.getByRole('link', { name: 'Eksportuj CSV' }).getAttribute('href');
    expect(csv).toContain('/api/audit-log.csv?action=UserInvited');
    const download = await page.request.get(`${app.url}${csv}`);
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
    await page.waitForURL(`${app.url}/password-reset`);
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

    await page.goto(`${app.url}/login`);
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
    await page.waitForURL(`${app.url}/en/api-keys`);
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
    const context = await app.browser.newContext({
      viewport: VIEWPORTS[0]!.viewport,
      locale: 'pl-PL',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signUp(page, app.url, { ...person, company: first, taxId: polishTaxId() });

    const other = await app.browser.newPage({ locale: 'pl-PL' });
    const owner = { name: 'Zofia Druga', email: 'zofia@example.pl', password: PASSWORD };
    await signUp(other, app.url, { ...owner, company: second, taxId: polishTaxId() });
    await other.goto(`${app.url}/users`);
    await invite(other, person.email);
    await other.goto(`${app.url}/mailbox`);
    await page.goto(await invitationLink(other));
    await acceptInvitation(page, person);
    await other.close();

    await page.getByRole('button', { name: `Firma: ${second}. Zmień firmę` }).click();
    await page.screenshot({ path: screenshotFile('desktop-tenant-switch.png') });
    await page.getByRole('menuitem', { name: first }).click();
    await page.getByText(`Pracujesz w firmie ${first}`).waitFor();
    await context.close();
  }, 60_000);
});

async function statusWithKey(key: string): Promise<number> {
  const response = await fetch(`${app.url}/api/users`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}
