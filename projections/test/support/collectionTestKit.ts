import { signUp } from '@monity/core/testing';

/** Read models follow writes within moments; a busy machine may take seconds. */
export const READ_MODEL = { timeout: 15_000 };

/**
 * A new company and requests made with an admin API key: a session would expire while a test
 * moves the server's clock by weeks.
 */
export async function companyWithKey(url: string, name: string) {
  const { browser } = await signUp(url, name);
  const key = (await browser.request('POST', '/api/api-keys', { name: 'ERP', role: 'admin' })).body
    .key as string;
  return {
    key,
    async api(method: string, path: string, body?: unknown) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read by the test
      return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
    },
  };
}

export type CompanyApi = Awaited<ReturnType<typeof companyWithKey>>['api'];
