import type { Browser } from '../access/accessTestKit.ts';

/** Uploads a file to import as the web app does: multipart, with the session's CSRF token. */
export async function upload(browser: Browser, url: string, name: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const response = await fetch(`${url}/api/import-jobs/files`, {
    method: 'POST',
    headers: { cookie: browser.cookie!, 'x-csrf-token': browser.csrfToken! },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
