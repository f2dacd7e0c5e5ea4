import type { Page } from 'playwright-core';

/** What a person types to sign up; the pages are in Polish, the default language. */
export interface SignupDetails {
  company: string;
  taxId: string;
  name: string;
  email: string;
  password: string;
}

export async function signUp(page: Page, url: string, details: SignupDetails): Promise<void> {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Nazwa firmy').fill(details.company);
  await page.getByLabel('NIP').fill(details.taxId);
  await page.getByLabel('Imię i nazwisko').fill(details.name);
  await page.getByLabel('E-mail').fill(details.email);
  await page.getByLabel('Hasło', { exact: true }).fill(details.password);
  await page.getByRole('button', { name: 'Załóż konto' }).click();
  await page.getByText(`Witaj, ${details.name}`).waitFor();
}

/** Invites from the users page, which must be open. */
export async function invite(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
  await page.getByText(email, { exact: true }).waitFor();
}

/** Opens the newest invitation in the mailbox page, which must be open, and returns its link. */
export async function invitationLink(page: Page): Promise<string> {
  await page
    .getByRole('button', { name: /Zaproszenie do/ })
    .first()
    .click();
  const link = page.getByRole('link', { name: /\/invitation\?token=/ });
  return (await link.getAttribute('href')) ?? '';
}

/** Accepts on the invitation page, which must be open. */
export async function acceptInvitation(
  page: Page,
  person: { name: string; password: string },
): Promise<void> {
  await page.getByLabel('Imię i nazwisko').fill(person.name);
  await page.getByLabel('Hasło', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Przyjmij zaproszenie' }).click();
  await page.getByText(`Witaj, ${person.name}`).waitFor();
}
