/** Today's date, YYYY-MM-DD, in the company's time zone (not the browser's). */
export function useToday() {
  const { session } = useSession();
  return (): string =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: session.value?.tenant.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
}
