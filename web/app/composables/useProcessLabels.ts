import type { Schedule, SendingWindow, StepKind, StepTiming, Weekday } from '@monity/sdk';
import { STEP_KINDS, WEEKDAYS } from '~/utils/processDraft';
import { timingPhrase } from '~/utils/processTiming';

/** Names of steps, timings, schedules and windows of collection processes, in plain words. */
export function useProcessLabels() {
  const { t } = useI18n();

  const kind = (value: string) => t(`processes.kinds.${value}`);
  const weekday = (day: Weekday) => t(`processes.weekdays.${day}`);
  const weekdays = (days: readonly Weekday[]) =>
    WEEKDAYS.filter((d) => days.includes(d))
      .map(weekday)
      .join(', ');

  /** "3 dni po terminie płatności", "w dniu terminu płatności", "7 dni po poprzednim kroku". */
  const timing = (value: StepTiming) => {
    const { key, n } = timingPhrase(value);
    return t(`processes.timing.${key}`, { n }, n);
  };

  const schedule = (value: Schedule) => {
    const at = value.at;
    if (value.every === 'week')
      return t('processes.schedulePhrase.week', { at, days: weekdays(value.on) });
    if (value.every === 'month') return t('processes.schedulePhrase.month', { at, day: value.day });
    return t(`processes.schedulePhrase.${value.every}`, { at });
  };

  const sendingWindow = (value: Required<SendingWindow>) => {
    const text = t('processes.window.summary', {
      days: weekdays(value.days),
      from: value.from,
      to: value.to,
      timeZone: value.timeZone,
    });
    return value.skipHolidays ? t('processes.window.withoutHolidays', { window: text }) : text;
  };

  const kindOptions = computed(() =>
    STEP_KINDS.map((value: StepKind) => ({ value, label: kind(value) })),
  );

  return { kind, weekday, weekdays, timing, schedule, sendingWindow, kindOptions };
}
