import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { VIEWPORTS, screenshotStep, useWebApp } from './support/webApp.ts';

const app = useWebApp('monity-collection-web-');

/** YYYY-MM-DD, `days` from today (the server runs on the real clock). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(VIEWPORTS)('a collector at work at $viewport.width px', (view) => {
  const { name, viewport } = view;
  const phone = name === 'phone';
  let page: Page;
  let customerId = '';
  let processId = '';

  beforeAll(async () => {
    const context = await app.browser.newContext({ viewport, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      name: `Wiktor ${name}`,
      email: `collection-${name}@example.pl`,
      company: `Windykacja ${name} sp. z o.o.`,
      taxId: polishTaxId(),
      password: 'haslo-123456',
    });
    // A customer ten days late, and a demand a collector approves before it leaves.
    await api('POST', '/api/ledger/batch', {
      customers: [{ id: 'K1', name: 'Hurtownia Zalegająca', emails: ['dluznik@example.pl'] }],
      invoices: [
        {
          id: 'FV/1',
          number: 'FV/1/2026',
          customerId: 'K1',
          issueDate: day(-24),
          dueDate: day(-10),
          currency: 'PLN',
          amount: '1230.00',
        },
      ],
    });
    const template = (await api('POST', '/api/templates', {
      name: 'Wezwanie e-mail',
      kind: 'demand',
      medium: 'email',
      language: 'pl',
      subject: 'Wezwanie do zapłaty',
      html: '<p>Prosimy o zapłatę {{ totals.open | money }}.</p>',
    })) as { id: string };
    await until(async () => {
      const customers = (await api('GET', '/api/customers')) as { items: { id: string }[] };
      const templates = (await api('GET', '/api/templates')) as { items: unknown[] };
      customerId = customers.items[0]?.id ?? '';
      return customerId !== '' && templates.items.length === 1;
    });
    const process = (await api('POST', '/api/processes', {
      name: 'Windykacja z akceptacją',
      steps: [
        {
          id: randomUUID(),
          name: 'Wezwanie',
          kind: 'demand',
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels: [{ medium: 'email', templateId: template.id }],
          timing: { from: 'dueDate', days: 1 },
          approval: 'queue',
        },
      ],
    })) as { id: string };
    processId = process.id;
    await api('POST', `/api/processes/${processId}/start`, { expectedVersion: 1 });
    await until(async () => ((await api('GET', `/api/processes/${processId}`)) as Active).active);
    const ran = (await api('POST', '/api/collection/run')) as { scheduled: number };
    expect(ran.scheduled).toBe(1);
  }, 60_000);
  afterAll(() => page.context().close());

  const step = (title: string) => screenshotStep(page, title, `${name}-collection-${title}`);
  const dialog = () => page.getByRole('dialog');

  it('approves the held demand, which leaves the queue', async () => {
    await page.goto(`${app.url}/`);
    if (phone) await page.getByRole('button', { name: 'Otwórz pasek boczny' }).click();
    await page.getByRole('link', { name: /^Do akceptacji/ }).click();
    const card = page.getByRole('article', { name: 'Wezwanie do zapłaty' });
    await card.getByText('dluznik@example.pl').waitFor();
    await card.getByRole('link', { name: 'Hurtownia Zalegająca' }).waitFor();
    await card.locator('iframe[sandbox=""]').waitFor();
    await step('queue');

    await card.getByRole('button', { name: 'Zatwierdź' }).click();
    await dialog().getByText('Wiadomość do dluznik@example.pl wyjdzie od razu').waitFor();
    await dialog().getByRole('button', { name: 'Zatwierdź i wyślij' }).click();
    await page.getByText('Nic nie czeka na akceptację').waitFor();
    expect(await card.count()).toBe(0);
    await step('approved');
  });

  it("shows the step on the customer's card, and records a promise and a dispute", async () => {
    await page.goto(`${app.url}/customers/${customerId}`);
    const collection = page.getByRole('region', { name: 'Windykacja', exact: true });
    const progress = collection.getByRole('list', {
      name: 'Kroki procesu Windykacja z akceptacją',
    });
    await progress.getByText('Wezwanie').first().waitFor();
    await progress.getByRole('link', { name: 'Wiadomość' }).waitFor();
    expect(await progress.getByText('czeka na akceptację').count()).toBe(0);

    // A promise without its day is refused at the field.
    await collection.getByRole('button', { name: 'Zapisz obietnicę zapłaty' }).click();
    await dialog().getByRole('button', { name: 'Zapisz obietnicę' }).click();
    await dialog().getByText('Podaj datę.').waitFor();
    await dialog().getByLabel('Zapłaci do dnia').fill(day(7));
    await dialog().getByLabel('Kwota').fill('1 230,00');
    await dialog().getByLabel('Notatka').fill('Zapłaci po otrzymaniu przelewu od odbiorcy');
    await dialog().getByRole('button', { name: 'Zapisz obietnicę' }).click();
    await dialog().waitFor({ state: 'detached' });
    await collection.getByText('Zapłaci po otrzymaniu przelewu od odbiorcy').waitFor();
    await collection.getByText(/Obietnica zapłaty do .* · 1\s230,00\szł/).waitFor();

    // A dispute needs its reason.
    await collection.getByRole('button', { name: 'Zgłoś spór' }).click();
    await dialog().getByRole('button', { name: 'Otwórz spór' }).click();
    await dialog().getByText('Uzupełnij to pole.').waitFor();
    await step('dispute-refused');
    await dialog().getByLabel('Powód sporu').fill('Towar dostarczony niekompletny');
    await dialog().getByRole('button', { name: 'Otwórz spór' }).click();
    await dialog().waitFor({ state: 'detached' });
    const dispute = collection.getByRole('listitem').filter({ hasText: 'Towar dostarczony' });
    await dispute.getByText('otwarty', { exact: true }).waitFor();
    await step('holds');

    await dispute.getByRole('button', { name: 'Zamknij spór' }).click();
    await dialog().getByLabel('Jak się zakończył').fill('Dosłano brakujący towar');
    await dialog().getByRole('button', { name: 'Zamknij spór' }).click();
    await dispute.getByText('zamknięty', { exact: true }).waitFor();
    expect(await dispute.getByRole('button', { name: 'Zamknij spór' }).count()).toBe(0);
    await step('dispute-closed');
  });

  it("shows on the process's page whom the step reached", async () => {
    await page.goto(`${app.url}/processes/${processId}`);
    const overview = page.getByRole('region', { name: 'Wyniki kroków', exact: true });
    const card = overview.getByRole('region', { name: 'Wyniki kroku 1' });
    await card.getByText('Wezwanie', { exact: true }).waitFor();
    const figures = await card.locator('dl').innerText();
    expect(figures).toMatch(/Klienci objęci krokiem\s+1/);
    expect(figures).not.toContain('czeka na akceptację');
    await step('overview');
  });

  /** Waits for a read model to show what was just written: a moment behind, it may say 404. */
  async function until(done: () => Promise<boolean>) {
    for (let tries = 0; tries < 75; tries++) {
      if (await done().catch(() => false)) return;
      await page.waitForTimeout(200);
    }
    throw new Error('The read model did not catch up within 15 s');
  }

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

interface Active {
  active: boolean;
}
