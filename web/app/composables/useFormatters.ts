/** Dates and times in the page's language and the company's time zone. */
export function useFormatters() {
  const { locale } = useI18n();
  const { session } = useSession();

  const format = (iso: string | null, options: Intl.DateTimeFormatOptions): string => {
    if (!iso) return '—';
    const timeZone = session.value?.tenant.timeZone;
    return new Intl.DateTimeFormat(locale.value, { ...options, timeZone }).format(new Date(iso));
  };

  return {
    dateTime: (iso: string | null) => format(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    date: (iso: string | null) => format(iso, { dateStyle: 'medium' }),
  };
}
