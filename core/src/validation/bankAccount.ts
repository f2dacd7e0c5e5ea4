import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/**
 * A bank account as an IBAN in electronic format (`PL61109010140000071219812874`), or
 * `undefined` when it is not valid. A Polish NRB (26 digits, no country code) is read as a
 * Polish IBAN, as Polish banks print it.
 */
export function normaliseBankAccount(input: string): string | undefined {
  const compact = electronicFormatIBAN(input.trim()) ?? '';
  const iban = /^\d{26}$/.test(compact) ? `PL${compact}` : compact;
  return isValidIBAN(iban) ? iban : undefined;
}
