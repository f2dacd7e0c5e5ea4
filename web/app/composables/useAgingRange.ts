import type { AgingBucket } from '@monity/sdk';

/**
 * A bucket's label: as the company wrote it, but the built-in scheme's keys (`not_due`) in the
 * page's language.
 */
export function useAgingLabel() {
  const { t, te } = useI18n();
  return (label: string): string =>
    te(`aging.labels.${label}`) ? t(`aging.labels.${label}`) : label;
}

/** A bucket's days in words: "1–30 dni po terminie", "ponad 90 dni", "przed terminem". */
export function useAgingRange() {
  const { t } = useI18n();
  return ({ from, to }: Pick<AgingBucket, 'from' | 'to'>): string => {
    if (to !== null && to <= 0) return t('aging.range.notDue');
    if (from === null && to !== null) return t('aging.range.upTo', { to });
    if (from !== null && to === null) return t('aging.range.from', { from });
    if (from !== null && to !== null) return t('aging.range.between', { from, to });
    return t('aging.range.any');
  };
}
