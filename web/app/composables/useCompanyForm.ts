import type { BankAccount, TenantChanges, TenantDetails } from '@monity/sdk';

/** A bank account as the form edits it; `key` tells rows apart while they come and go. */
export interface BankAccountRow {
  key: number;
  iban: string;
  bankName: string;
  currency: string;
}

let nextKey = 0;

export function bankAccountRow(account: Partial<BankAccount> = {}): BankAccountRow {
  return {
    key: nextKey++,
    iban: account.iban ?? '',
    bankName: account.bankName ?? '',
    currency: account.currency ?? '',
  };
}

/** Text as typed, trimmed; `undefined` when empty, so the server keeps no empty strings. */
const given = (value: string, upper = false): string | undefined => {
  const text = upper ? value.trim().toUpperCase() : value.trim();
  return text === '' ? undefined : text;
};

/**
 * The company settings form: filled from the company the API answers, and turned back into the
 * changes `PATCH /api/tenant` takes (empty fields left out, codes in capitals).
 */
export function useCompanyForm() {
  const form = reactive({
    name: '',
    taxId: '',
    street: '',
    postalCode: '',
    city: '',
    country: '',
    defaultCurrency: 'PLN',
    language: 'pl' as TenantDetails['language'],
    timeZone: 'Europe/Warsaw',
    bankAccounts: [] as BankAccountRow[],
  });

  function fill(company: TenantDetails): void {
    Object.assign(form, {
      name: company.name,
      taxId: company.taxId,
      street: company.address.street ?? '',
      postalCode: company.address.postalCode ?? '',
      city: company.address.city ?? '',
      country: company.address.country ?? '',
      defaultCurrency: company.defaultCurrency,
      language: company.language,
      timeZone: company.timeZone,
      bankAccounts: company.bankAccounts.map((account) => bankAccountRow(account)),
    });
  }

  function changes(): TenantChanges {
    return {
      name: form.name.trim(),
      taxId: form.taxId.trim(),
      address: {
        street: given(form.street),
        postalCode: given(form.postalCode),
        city: given(form.city),
        country: given(form.country, true),
      },
      bankAccounts: form.bankAccounts.map((account) => ({
        iban: account.iban.trim(),
        bankName: given(account.bankName),
        currency: given(account.currency, true),
      })),
      defaultCurrency: form.defaultCurrency.trim().toUpperCase(),
      language: form.language,
      timeZone: form.timeZone,
    };
  }

  return { form, fill, changes };
}
