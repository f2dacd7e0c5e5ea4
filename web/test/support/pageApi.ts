import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Requests of the person signed in on `page`, as the web app sends them (the session cookie and
 * its CSRF token), for a test's setup and checks; an answer of 300 or more fails the test.
 */
export function pageApi(page: Page, url: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const session = await page.request.get(`${url}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await page.request.fetch(`${url}${path}`, {
      method,
      headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
}
