import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { VIEWPORTS, openNavigation, screenshotStep, useWebApp } from './support/webApp.ts';

const app = useWebApp('monity-processes-web-');

describe.each(VIEWPORTS)('collection processes at $viewport.width px', (view) => {
  const { name, viewport } = view;
  const processName = `Windykacja standardowa ${name}`;
  let page: Page;
  let processId = '';

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Olga ${name}`,
      email: `processes-${name}@example.pl`,
      company: `Procesy ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
    await api('POST', '/api/groups', {
      name: 'Przeterminowani',
      criteria: { and: [{ field: 'daysOverdue', op: 'between', value: { min: 1 } }] },
    });
    await api('POST', '/api/templates', {
      name: 'Przypomnienie e-mail',
      kind: 'reminder',
      medium: 'email',
      language: 'pl',
      subject: 'Przypomnienie o płatności',
      html: '<p>Dzień dobry, przypominamy o nieopłaconych fakturach.</p>',
    });
    await api('POST', '/api/templates', {
      name: 'Przypomnienie SMS',
      kind: 'reminder',
      medium: 'sms',
      language: 'pl',
      text: 'Przypominamy o nieoplaconych fakturach.',
    });
    for (let listed = 0; listed < 3;) {
      await page.waitForTimeout(200);
      const groups = (await api('GET', '/api/groups')) as { items: unknown[] };
      const templates = (await api('GET', '/api/templates')) as { items: unknown[] };
      listed = groups.items.length + templates.items.length;
    }
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-processes-${title}`);
  const openPage = async (label: string) => {
    await openNavigation(page, name === 'phone', label);
    if (name === 'phone') await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  const stepCard = (n: number, word = 'Krok') =>
    page.getByRole('region', { name: `${word} ${n}`, exact: true });
  const channel = (within: Locator, n: number) =>
    within.getByRole('group', { name: `Kanał ${n}`, exact: true });
  const choose = async (within: Locator, label: string, option: string) => {
    await within.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const timeline = (title = 'Przebieg procesu') => page.getByRole('region', { name: title });

  it('builds a reminder with an SMS fallback and a final demand a collector approves', async () => {
    await openPage('Procesy windykacyjne');
    await page.getByText('Nie ma jeszcze procesów').waitFor();
    await page.getByRole('link', { name: 'Nowy proces' }).first().click();
    await page.getByLabel('Nazwa', { exact: true }).fill(processName);

    const first = stepCard(1);
    await first.getByLabel('Nazwa kroku').fill('Przypomnienie');
    await choose(first, 'Grupa', 'Przeterminowani');
    await first.getByText('3 dni po terminie płatności').waitFor();
    await choose(channel(first, 1), 'Szablon', 'Przypomnienie e-mail');
    await first.getByRole('button', { name: 'Dodaj kanał zapasowy' }).click();
    await choose(channel(first, 2), 'Szablon', 'Przypomnienie SMS');

    await page.getByRole('button', { name: 'Dodaj krok' }).click();
    const second = stepCard(2);
    await choose(second, 'Rodzaj kroku', 'Ostateczne wezwanie do zapłaty');
    await second.getByLabel('Nazwa kroku').fill('Ostateczne wezwanie');
    await choose(second, 'Grupa', 'Przeterminowani');
    await second.getByLabel('Liczba dni').fill('14');
    await second.getByLabel('Liczba dni').press('Tab');
    await second.getByText('14 dni po poprzednim kroku').waitFor();
    await second.getByRole('radio', { name: /Po zatwierdzeniu przez windykatora/ }).check();
    await second.getByRole('button', { name: 'Usuń kanał 1' }).click();
    await second.getByText('Krok nie ma jeszcze kanału.').waitFor();

    const summary = await textOf(timeline());
    expect(summary).toContain('3 dni po terminie płatności · dzień +3');
    expect(summary).toContain('E-mail (Przypomnienie e-mail) → SMS (Przypomnienie SMS)');
    expect(summary).toContain('14 dni po poprzednim kroku · dzień +17');
    expect(summary).toContain('czeka na zatwierdzenie windykatora');
    expect(summary).toContain(
      'Wysyłka: pn, wt, śr, czw, pt, 08:00–18:00 (Europe/Warsaw), bez świąt',
    );

    // A step that is not a hand-over needs a channel: the refusal shows at that step.
    await page.getByRole('button', { name: 'Utwórz proces' }).click();
    await second.getByText('Dodaj co najmniej jeden kanał.').waitFor();
    expect(await first.getByText('Dodaj co najmniej jeden kanał.').count()).toBe(0);
    await page.getByText('Nie zapisano procesu: popraw zaznaczone pola.').waitFor();
    await step('refused');

    await second.getByRole('button', { name: 'Dodaj kanał' }).click();
    await second.getByText('Dodaj co najmniej jeden kanał.').waitFor({ state: 'detached' });
    await choose(channel(second, 1), 'Szablon', 'Przypomnienie e-mail');
    await step('built');
    await page.getByRole('button', { name: 'Utwórz proces' }).click();
    await page.waitForURL(/\/processes\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    processId = page.url().split('/').at(-1)!;

    const saved = (await api('GET', `/api/processes/${processId}`)) as SavedProcess;
    expect(saved.active).toBe(false);
    expect(saved.window).toEqual({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '08:00',
      to: '18:00',
      timeZone: 'Europe/Warsaw',
      skipHolidays: true,
    });
    expect(saved.steps.map((s) => [s.name, s.kind, s.timing, s.approval])).toEqual([
      ['Przypomnienie', 'reminder', { from: 'dueDate', days: 3 }, 'automatic'],
      ['Ostateczne wezwanie', 'final_demand', { from: 'previousStep', days: 14 }, 'queue'],
    ]);
    expect(saved.steps[0]!.channels.map((c) => c.medium)).toEqual(['email', 'sms']);
  }, 120_000);

  it('lists the process, starts it, and reopens it with its steps as saved', async () => {
    await openPage('Procesy windykacyjne');
    const list = page.getByRole('table', { name: 'Procesy windykacyjne' });
    const row = list.getByRole('row').filter({ hasText: processName });
    await row.getByText('Zatrzymany').waitFor();
    expect(await textOf(row)).toContain('2');
    await step('list');

    await row.getByRole('button', { name: `Uruchom proces ${processName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Uruchomić proces ${processName}?`).waitFor();
    await dialog.getByRole('button', { name: 'Uruchom', exact: true }).click();
    await row.getByText('Działa').waitFor();
    await step('started');

    await list.getByRole('link', { name: processName }).click();
    await page.waitForURL(new RegExp(`/processes/${processId}$`));
    await eventually(() => stepCard(1).getByLabel('Nazwa kroku').inputValue()).toBe(
      'Przypomnienie',
    );
    await eventually(() => textOf(channel(stepCard(1), 1))).toContain('Przypomnienie e-mail');
    expect(await textOf(channel(stepCard(1), 2))).toContain('Przypomnienie SMS');
    expect(await stepCard(2).getByLabel('Nazwa kroku').inputValue()).toBe('Ostateczne wezwanie');
    await stepCard(2).getByText('14 dni po poprzednim kroku').waitFor();
    expect(
      await stepCard(2)
        .getByRole('radio', { name: /Po zatwierdzeniu/ })
        .isChecked(),
    ).toBe(true);
    // Starting moved the version, yet the steps are as this page has them: no warning.
    expect(await page.getByText('W międzyczasie ktoś zapisał').count()).toBe(0);
    await step('reopened');

    await page.getByRole('button', { name: 'Przenieś krok 2 wyżej' }).click();
    expect(await stepCard(1).getByLabel('Nazwa kroku').inputValue()).toBe('Ostateczne wezwanie');
    await page.getByRole('button', { name: 'Przenieś krok 1 niżej' }).click();
    await page.getByLabel('Nazwa', { exact: true }).fill(`${processName} (v2)`);
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByText(`Zapisano proces ${processName} (v2)`).first().waitFor();
    const saved = (await api('GET', `/api/processes/${processId}`)) as SavedProcess;
    expect(saved.steps.map((s) => s.name)).toEqual(['Przypomnienie', 'Ostateczne wezwanie']);
    expect(saved.active).toBe(true);

    await page.getByRole('button', { name: 'Usuń proces' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Usuń proces' }).click();
    await page.getByText('Nie ma jeszcze procesów').waitFor();
  }, 120_000);

  it('reads in English, offers own criteria, and refuses a save made on an old version', async () => {
    const groups = (await api('GET', '/api/groups')) as { items: { id: string }[] };
    const templates = (await api('GET', '/api/templates')) as {
      items: { id: string; medium: string }[];
    };
    const email = templates.items.find((tpl) => tpl.medium === 'email')!;
    const definition = {
      name: `Before due ${name}`,
      steps: [
        {
          id: '6f1c1f3e-8a7b-4c55-9d2e-1a2b3c4d5e6f',
          name: 'Heads-up',
          kind: 'reminder_before_due',
          selection: { groupId: groups.items[0]!.id },
          channels: [{ medium: 'email', templateId: email.id }],
          timing: { from: 'dueDate', days: -3 },
          schedule: { every: 'week', on: ['mon', 'thu'], at: '10:00' },
          approval: 'automatic',
        },
      ],
    };
    const created = (await api('POST', '/api/processes', definition)) as { id: string };
    await eventually(async () => {
      const response = await page.request.get(`${app.url}/api/processes/${created.id}`);
      return response.status();
    }).toBe(200);
    await page.goto(`${app.url}/en/processes/${created.id}`);

    await page.getByRole('heading', { name: 'Steps of the process' }).waitFor();
    const first = stepCard(1, 'Step');
    await first.getByText('3 days before the due date').waitFor();
    const summary = await textOf(timeline('How the process runs'));
    expect(summary).toContain('3 days before the due date · day −3');
    expect(summary).toContain('on Mon, Thu at 10:00');

    await first.getByRole('radio', { name: 'Own criteria' }).check();
    await first.getByRole('region', { name: 'Conditions' }).waitFor();
    await step('english');

    // Someone else saves version 2 meanwhile; this page still edits version 1.
    await api('PUT', `/api/processes/${created.id}`, {
      ...definition,
      name: `Changed elsewhere ${name}`,
      expectedVersion: 1,
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone saved this process meanwhile.').waitFor();
    await step('conflict');
    await page.getByRole('button', { name: 'Load the current version' }).click();
    await eventually(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe(
      `Changed elsewhere ${name}`,
    );
    expect(
      await stepCard(1, 'Step').getByRole('radio', { name: 'A saved group' }).isChecked(),
    ).toBe(true);
  }, 120_000);

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

interface SavedProcess {
  active: boolean;
  window: unknown;
  steps: {
    name: string;
    kind: string;
    timing: unknown;
    approval: string;
    channels: { medium: string }[];
  }[];
}

/** What the page shows after a request or a projection's catching up. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** The text of an element with runs of white space (non-breaking ones too) as one space. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
