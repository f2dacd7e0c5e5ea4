import type { Page } from 'playwright-core';
import type { DemoLogin } from './demoServer.ts';

/** Signs the demo owner in on the login page, as a person does, and waits for the welcome. */
export async function signInAsDemoOwner(page: Page, login: DemoLogin): Promise<void> {
  await page.goto(`${login.url}/login`);
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Hasło', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByText('Witaj, ').first().waitFor();
}
