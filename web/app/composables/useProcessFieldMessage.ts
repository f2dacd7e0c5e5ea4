/**
 * The API's words about a refused field of a process ("is a template for email, not sms"),
 * in the page's language; what is not about processes reads as other forms' fields do.
 */
export function useProcessFieldMessage() {
  const { t } = useI18n();
  const fieldMessage = useFieldMessage();
  const medium = (name: string) => t(`messages.media.${name}`);
  const patterns: [RegExp, (match: RegExpMatchArray) => string][] = [
    [
      /^must match format "uuid"$|^must match exactly one schema in oneOf$/,
      () => t('processes.errors.choose'),
    ],
    [/^must name at least one channel$/, () => t('processes.errors.noChannel')],
    [/^must be empty for a hand-over$/, () => t('processes.errors.handOverChannels')],
    [
      /^is a template for (\w+), not (\w+)$/,
      (m) => t('processes.errors.wrongMedium', { template: medium(m[1]!), medium: medium(m[2]!) }),
    ],
    [/^no such template$/, () => t('processes.errors.noTemplate')],
    [/^no such group$/, () => t('processes.errors.noGroup')],
    [/^is used by another step$/, () => t('processes.errors.sameStep')],
    [/^must match pattern "\^\(\(?\[01\]/, () => t('processes.errors.time')],
    [/^must be later than from/, () => t('processes.errors.toAfterFrom')],
    [/^".*" is not a time zone$/s, () => t('validation.timeZone')],
    [/^has no days$|^must NOT have fewer than 1 items$/, () => t('processes.errors.choose')],
    [/^must be >= (-?\d+)$/, (m) => t('processes.errors.atLeast', { n: m[1] })],
    [/^must be <= (-?\d+)$/, (m) => t('processes.errors.atMost', { n: m[1] })],
    [/^must be integer$/, () => t('processes.errors.whole')],
  ];

  return (message: string): string => {
    for (const [pattern, translate] of patterns) {
      const match = message.match(pattern);
      if (match) return translate(match);
    }
    return fieldMessage(message);
  };
}
