/** The dashboard's ratios as people read them: "12,5%", "42 dni", "—" when there is none. */
export function useKpiFormat() {
  const { t, locale } = useI18n();
  const language = computed(() => (locale.value === 'en' ? 'en-GB' : 'pl-PL'));

  /** A share, 0..1, in percent with at most one decimal. */
  const percent = (share: number | null): string =>
    share === null
      ? '—'
      : new Intl.NumberFormat(language.value, {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(share);

  /** Whole days, as DSO is read. */
  const days = (value: number | null): string => {
    if (value === null) return '—';
    const n = Math.round(value);
    return t('dashboard.days', { n }, n);
  };

  return { percent, days };
}
