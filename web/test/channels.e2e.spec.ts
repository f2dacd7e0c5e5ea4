import type { ChannelAccount, ChannelInfo, SettingsProperty } from '@monity/sdk';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { pageApi } from './support/pageApi.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';

const TEST_SUBJECT = 'Monity: wiadomość testowa';
const TEST_TEXT = 'To jest wiadomość testowa z Monity.';
/** Providers whose plugins may be installed, by preference: each has a secret in its settings. */
const PROVIDERS = ['smsapi', 'smtp', 'mailgun', 'plivo'];
/** What a provider account's settings are filled in with; none of it is ever sent anywhere. */
const SETTING_VALUES: Record<string, string> = {
  sender: 'Monity',
  host: '127.0.0.1',
  port: '2525',
  from: 'biuro@example.pl',
  username: 'biuro',
  domain: 'mg.example.pl',
};

const app = useWebApp('monity-channels-web-');

describe.each(VIEWPORTS)('channels and the message log at $viewport.width px', (view) => {
  const { name, viewport } = view;
  const phone = name === 'phone';
  const email = `kanaly-${name}@example.pl`;
  let page: Page;
  let api: ReturnType<typeof pageApi>;

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Ola ${name}`,
      email,
      company: `Kanały ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
    api = pageApi(page, app.url);
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-channels-${title}`);
  const openPage = async (label: string) => {
    await openNavigation(page, phone, label);
    if (phone) await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  const log = () => page.getByRole('table', { name: 'Dziennik wiadomości' });

  it('sends a test SMS and a test e-mail through the sandbox, and follows them', async () => {
    await openPage('Kanały');
    const defaults = page.locator('dl[aria-label="Dokąd idą wiadomości"]');
    // No account yet: e-mail, SMS and voice all go to the sandbox.
    await eventually(async () => (await textOf(defaults)).match(/Piaskownica/g)?.length).toBe(3);
    await step('page');

    const dialog = await openTest('Piaskownica');
    await choose(dialog, 'Medium', 'SMS');
    await dialog.getByLabel('Numer telefonu').fill('123');
    await dialog.getByRole('button', { name: 'Wyślij' }).click();
    await dialog.getByText('Podaj numer telefonu, np. 601 234 567').waitFor();
    await dialog.getByLabel('Numer telefonu').fill('601 234 567');
    await dialog.getByRole('button', { name: 'Wyślij' }).click();
    await dialog.getByText('Wysłano: kanał przyjął wiadomość.').waitFor();
    await step('test-sms');

    await dialog.getByRole('link', { name: 'Zobacz w dzienniku' }).click();
    await page.getByRole('heading', { name: 'SMS do +48601234567' }).waitFor();
    const history = page.getByRole('list', { name: 'Historia statusów' });
    await eventually(() => textOf(history)).toMatch(/w kolejce.*wysłana/);
    expect(await textOf(page.locator('pre'))).toContain(TEST_TEXT);
    await step('message-sms');

    await openPage('Kanały');
    const mail = await openTest('Piaskownica');
    expect(await mail.getByLabel('Adres e-mail').inputValue()).toBe(email);
    await mail.getByRole('button', { name: 'Wyślij' }).click();
    await mail.getByText('Wysłano: kanał przyjął wiadomość.').waitFor();
    await mail.getByRole('link', { name: 'Otwórz w skrzynce' }).click();
    await page.getByRole('heading', { name: TEST_SUBJECT }).waitFor();
  }, 90_000);

  it('lists the messages with their status, filters them and shows a new one live', async () => {
    await openPage('Wiadomości');
    const rows = () => log().locator('tbody').getByRole('row');
    await eventually(() => rows().count()).toBe(2);
    expect(await textOf(log())).toContain('wysłana');
    expect(await textOf(log())).toContain('test kanału');
    await step('log');

    if (phone) await page.getByRole('button', { name: 'Filtry', exact: true }).click();
    await choose(page, 'Medium', 'SMS');
    await eventually(() => rows().count()).toBe(1);
    expect(await textOf(log())).toContain('+48601234567');
    await choose(page, 'Medium', 'Każde medium');
    await eventually(() => rows().count()).toBe(2);

    // Sent from elsewhere while the log is open: it shows without a reload.
    await api('POST', '/api/messages/test', { medium: 'voice', to: '602 345 678' });
    const call = log().locator('tbody tr').filter({ hasText: '+48602345678' });
    await call.getByRole('link', { name: 'Połączenie głosowe' }).waitFor({ timeout: 20_000 });
    await eventually(() => textOf(call)).toContain('wysłana');
    await step('log-live');

    await log().getByRole('link', { name: TEST_SUBJECT }).click();
    await page.getByRole('heading', { name: TEST_SUBJECT, level: 2 }).waitFor();
    await page
      .getByTitle(`Treść e-maila ${TEST_SUBJECT}`)
      .or(page.locator('pre'))
      .first()
      .waitFor();
    await step('message-email');
  }, 90_000);

  it('shows SMS and voice messages in the sandbox mailbox, with no subject', async () => {
    await openPage('Skrzynka');
    const list = page.getByRole('list', { name: 'Wiadomości' });
    const sms = list.getByRole('button').filter({ hasText: '+48601234567' });
    await sms.waitFor();
    expect(await textOf(sms)).toContain(TEST_TEXT);
    await list.getByRole('button').filter({ hasText: '+48602345678' }).waitFor();
    await list.getByRole('button').filter({ hasText: TEST_SUBJECT }).waitFor();
    await sms.click();
    await page.getByRole('heading', { name: 'SMS do +48601234567' }).waitFor();
    await step('mailbox-sms');
  }, 60_000);

  it('reads in English', async () => {
    await page.goto(`${app.url}/en/messages`);
    const table = page.getByRole('table', { name: 'Message log' });
    await table.locator('tbody tr').filter({ hasText: '+48601234567' }).waitFor();
    expect(await textOf(table)).toContain('channel test');
    await page.goto(`${app.url}/en/channels`);
    await page.getByRole('heading', { name: 'Where messages go' }).waitFor();
    await page.goto(`${app.url}/channels`);
    await page.getByRole('heading', { name: 'Dokąd idą wiadomości' }).waitFor();
  }, 60_000);

  it('adds a provider account whose secret is never shown back', async (context) => {
    const { items } = await api<{ items: ChannelInfo[] }>('GET', '/api/channels');
    const provider = PROVIDERS.map((n) => items.find((c) => c.name === n)).find(
      (c) => c && secretsOf(c).length > 0,
    );
    if (!provider) return context.skip('no channel plugin with a secret is installed');
    const secret = `tajne-${name}-${Date.now()}`;

    await page.getByRole('button', { name: 'Dodaj konto' }).click();
    const dialog = page.getByRole('dialog');
    await choose(dialog, 'Kanał', labelOf(provider.name));
    await dialog.getByLabel('Nazwa konta').fill(`Konto ${provider.name}`);
    await dialog.getByRole('button', { name: 'Dodaj konto' }).click();
    await dialog.getByText('Uzupełnij to pole.').first().waitFor();
    await step('account-refused');

    await fillSettings(dialog, provider, secret);
    await dialog.getByRole('button', { name: 'Dodaj konto' }).click();
    await dialog.waitFor({ state: 'detached' });
    const accounts = page.getByRole('table', { name: 'Konta u dostawców' });
    await accounts
      .getByRole('row')
      .filter({ hasText: `Konto ${provider.name}` })
      .waitFor();
    expect(await page.content()).not.toContain(secret);

    const [account] = (await api<{ items: ChannelAccount[] }>('GET', '/api/channel-accounts'))
      .items;
    for (const field of secretsOf(provider))
      expect(account!.settings[field]).toEqual({ set: true });

    await accounts.getByRole('button', { name: `Zmień konto Konto ${provider.name}` }).click();
    const edit = page.getByRole('dialog');
    await edit.getByText('Ustawione — zostaw puste, aby zachować').first().waitFor();
    for (const field of secretsOf(provider)) {
      expect(await edit.getByLabel(titleOf(provider, field)).inputValue()).toBe('');
    }
    expect(await page.content()).not.toContain(secret);
    await step('account-secret');
    await edit.getByLabel('Nazwa konta').fill(`Konto ${provider.name} (zmienione)`);
    await edit.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await edit.waitFor({ state: 'detached' });
    const changed = (await api<{ items: ChannelAccount[] }>('GET', '/api/channel-accounts'))
      .items[0]!;
    for (const field of secretsOf(provider)) expect(changed.settings[field]).toEqual({ set: true });

    const row = accounts.getByRole('row').filter({ hasText: '(zmienione)' });
    await row.getByRole('button', { name: 'Usuń' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Usuń' }).click();
    await page.getByText('Firma nie ma jeszcze kont u dostawców.').waitFor();
  }, 90_000);

  async function openTest(accountName: string): Promise<Locator> {
    await page.getByRole('button', { name: `Wyślij wiadomość testową: ${accountName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }

  /** Picks an option of a select, found by its label within `within`. */
  async function choose(within: Locator | Page, label: string, option: string): Promise<void> {
    await within.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
});

function secretsOf(channel: ChannelInfo): string[] {
  return Object.entries(channel.settingsSchema?.properties ?? {})
    .filter(([, property]) => property.writeOnly === true)
    .map(([field]) => field);
}

const titleOf = (channel: ChannelInfo, field: string) =>
  channel.settingsSchema?.properties?.[field]?.title ?? field;

const labelOf = (channel: string) =>
  ({ smsapi: 'SMSAPI', smtp: 'SMTP', mailgun: 'Mailgun', plivo: 'Plivo' })[channel] ?? channel;

/** Fills in every required setting: secrets with `secret`, the others with a plausible value. */
async function fillSettings(dialog: Locator, channel: ChannelInfo, secret: string) {
  const required = new Set(channel.settingsSchema?.required ?? []);
  const properties = Object.entries(channel.settingsSchema?.properties ?? {});
  for (const [field, property] of properties) {
    if (!required.has(field) || property.enum || property.type === 'boolean') continue;
    const value = property.writeOnly ? secret : valueFor(field, property);
    await dialog.getByLabel(titleOf(channel, field)).fill(value);
  }
}

function valueFor(field: string, property: SettingsProperty): string {
  if (SETTING_VALUES[field]) return SETTING_VALUES[field]!;
  if (property.format === 'email') return 'biuro@example.pl';
  if (property.format === 'uri') return 'https://example.pl';
  if (property.type === 'integer' || property.type === 'number') {
    return String(property.minimum ?? 1);
  }
  return 'e2e';
}

/** What the page shows after a request, a projection's catching up or a live update. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** The text of an element with runs of white space (non-breaking ones too) as one space. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
