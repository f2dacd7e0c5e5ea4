import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accessPages.ts';
import { polishTaxId } from './support/fixtures.ts';
import { useWebApp } from './support/webApp.ts';

const app = useWebApp('monity-live-web-');

declare global {
  interface Window {
    liveMessages: { projections: string[] }[];
  }
}

describe('live updates in the browser', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await app.browser.newContext({ locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await signUp(page, app.url, {
      company: 'Na Bieżąco sp. z o.o.',
      taxId: polishTaxId(),
      name: 'Lena Live',
      email: 'live@example.pl',
      password: 'correct horse battery',
    });
  });
  afterAll(() => page?.context().close());

  it('opens the stream from a page and refreshes it when a change is announced', async () => {
    const stream = page.waitForResponse((response) => response.url().endsWith('/api/live'));
    await page.goto(`${app.url}/dashboard`);
    const response = await stream;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);

    // A stream of the page's own, beside the composable's, to see each message as it arrives.
    await page.evaluate(() => {
      window.liveMessages = [];
      const source = new EventSource('/api/live', { withCredentials: true });
      source.addEventListener('read-models', (event) => {
        window.liveMessages.push(JSON.parse((event as MessageEvent<string>).data));
      });
      return new Promise((resolve) => source.addEventListener('ready', resolve));
    });
    const refreshed = page.waitForRequest(
      (request) => new URL(request.url()).pathname === '/api/dashboard',
    );

    await post('/api/ledger/batch', { customers: [{ id: 'K1', name: 'Hurtownia Żółw' }] });

    await page.waitForFunction(
      () => window.liveMessages.some((message) => message.projections.includes('ledger')),
      undefined,
      { timeout: 5_000 },
    );
    await refreshed;
  });

  /** A write of the signed-in person, as the web app sends it (cookie and CSRF token). */
  async function post(path: string, body: unknown): Promise<void> {
    const session = await page.request.get(`${app.url}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await page.request.post(`${app.url}${path}`, {
      headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      data: JSON.stringify(body),
    });
    expect(response.status(), await response.text()).toBe(200);
  }
});
