/**
 * Liquid and the template checks describe a problem in English ("undefined filter: mony").
 * The common ones read in the page's language; the others stay as the API sent them.
 */
export function useTemplateProblemText() {
  const { t } = useI18n();
  const patterns: [RegExp, (match: RegExpMatchArray) => string][] = [
    [
      /^(?:unknown|undefined) variable:? (.+)$/,
      (m) => t('templates.problems.unknownVariable', { name: m[1] }),
    ],
    [/^undefined filter: (.+)$/, (m) => t('templates.problems.unknownFilter', { name: m[1] })],
    [/^a template for \w+ needs \w+$/, () => t('validation.required')],
    [/^tag "?\{?%?\s*(\w+).*not closed/s, (m) => t('templates.problems.notClosed', { tag: m[1] })],
    [/^output .* not closed/s, () => t('templates.problems.outputNotClosed')],
    [/^tag "(\w+)" not found$/, (m) => t('templates.problems.unknownTag', { tag: m[1] })],
  ];

  return (message: string): string => {
    for (const [pattern, translate] of patterns) {
      const match = message.match(pattern);
      if (match) return translate(match);
    }
    return message;
  };
}
