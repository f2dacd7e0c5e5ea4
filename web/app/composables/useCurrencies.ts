/** Currencies to filter by: the company's own first, then those Polish firms invoice in most. */
export function useCurrencies() {
  const { t } = useI18n();
  const { session } = useSession();
  const common = ['PLN', 'EUR', 'USD', 'GBP', 'CHF', 'CZK', 'SEK', 'NOK', 'DKK', 'HUF'];

  const codes = computed(() => [
    ...new Set([session.value?.tenant.defaultCurrency ?? 'PLN', ...common]),
  ]);
  /** Select options, with "all currencies" as `all`. */
  const options = computed(() => [
    { value: 'all', label: t('ledger.allCurrencies') },
    ...codes.value.map((code) => ({ value: code, label: code })),
  ]);

  return { codes, options };
}
