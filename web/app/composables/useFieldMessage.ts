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
    [/^must be a Polish NIP/, () => t('validation.taxId')],
    [/^must be a valid IBAN or NRB$/, () => t('validation.iban')],
    [
      /^must be an ISO 4217 code$|^must match pattern "\^\[A-Z\]\{3\}\$"$/,
      () => t('validation.currency'),
    ],
    [/^must match pattern "\^\[A-Z\]\{2\}\$"$/, () => t('validation.country')],
    [/^must be an IANA time zone$/, () => t('validation.timeZone')],
  ];

  return (message: string): string => {
    for (const [pattern, translate] of patterns) {
      const match = message.match(pattern);
      if (match) return translate(match);
    }
    return message;
  };
}
