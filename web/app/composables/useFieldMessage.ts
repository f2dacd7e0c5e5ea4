/**
 * The API describes a refused field in English, in its validator's words ("must NOT have fewer
 * than 10 characters"). The common ones read in the page's language; others stay as sent.
 */
export function useFieldMessage() {
  const { t } = useI18n();
  const patterns: [RegExp, (match: RegExpMatchArray) => string][] = [
    [/^is required$|^must NOT have fewer than 1 characters?$/, () => t('validation.required')],
    [/^must NOT have fewer than (\d+) characters$/, (m) => t('validation.minLength', { n: m[1] })],
    [/^must NOT have more than (\d+) characters$/, (m) => t('validation.maxLength', { n: m[1] })],
    [/^must match format "email"$/, () => t('validation.email')],
    [/^must be a Polish NIP|^A Polish NIP has 10 digits/, () => t('validation.taxId')],
    [/^A tax id has 2 to 30 letters and digits$/, () => t('validation.foreignTaxId')],
    [/^is longer than (\d+) characters$/, (m) => t('validation.maxLength', { n: m[1] })],
    [/^"(.*)" is not an e-mail address$/s, (m) => t('validation.notEmail', { value: m[1] })],
    [/^"(.*)" is not a valid phone number$/s, (m) => t('validation.notPhone', { value: m[1] })],
    [/^"(.*)" is not an ISO country code$/s, () => t('validation.country')],
    [/^must be a valid IBAN or NRB$/, () => t('validation.iban')],
    [
      /^must be an ISO 4217 code$|^must match pattern "\^\[A-Z\]\{3\}\$"$/,
      () => t('validation.currency'),
    ],
    [/^must match pattern "\^\[A-Z\]\{2\}\$"$/, () => t('validation.country')],
    [/^must be an IANA time zone$/, () => t('validation.timeZone')],
    [
      /^"(.*)" is not (?:an amount|a decimal amount like 1234\.56)$/s,
      (m) => t('validation.notAmount', { value: m[1] }),
    ],
    [/^must be above zero$/, () => t('validation.aboveZero')],
    [/^exceeds (?:the .* open|what is open on the invoice)$/, () => t('validation.exceedsOpen')],
    [
      /^([A-Z]{3}) amounts have at most (\d+) decimal places$/,
      (m) => t('validation.decimalPlaces', { currency: m[1], n: m[2] }),
    ],
    [/^the invoice is settled$/, () => t('validation.settled')],
    [/^must match format "date"$/, () => t('validation.date')],
    [/^must not be before the issue date$/, () => t('validation.dueBeforeIssue')],
    [/^"(.*)" is not a date$/s, (m) => t('validation.notDate', { value: m[1] })],
    [/^"(.*)" is not yes or no$/s, (m) => t('validation.notFlag', { value: m[1] })],
    [/^"(.*)" is not a number$/s, (m) => t('validation.notNumber', { value: m[1] })],
    [
      /^"(.*)" is not one of: (.*)$/s,
      (m) => t('validation.notChoice', { value: m[1], choices: m[2] }),
    ],
    [/^must name a column$/, () => t('validation.column')],
    [/^needs a column or a default$/, () => t('validation.columnOrDefault')],
    [/^the file has no column "(.*)"$/s, (m) => t('validation.noColumn', { column: m[1] })],
  ];

  return (message: string): string => {
    for (const [pattern, translate] of patterns) {
      const match = message.match(pattern);
      if (match) return translate(match);
    }
    return message;
  };
}
