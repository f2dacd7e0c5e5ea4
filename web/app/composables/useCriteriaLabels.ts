/**
 * The words of the criteria builder: each field and operator by name, and the API's refusals
 * of a condition or a group (in its validator's English) in the page's language.
 */
export function useCriteriaLabels() {
  const { t, te } = useI18n();
  const fieldMessage = useFieldMessage();

  const field = (name: string) =>
    te(`criteria.fields.${name}`) ? t(`criteria.fields.${name}`) : name;
  const op = (fieldName: string, name: string) => {
    const own = `criteria.fieldOps.${fieldName}.${name}`;
    if (te(own)) return t(own);
    return te(`criteria.ops.${name}`) ? t(`criteria.ops.${name}`) : name;
  };

  const patterns: [RegExp, (match: RegExpMatchArray, group: boolean) => string][] = [
    [
      /^must NOT have fewer than 1 items$/,
      (_, group) => (group ? t('criteria.errors.emptyGroup') : t('criteria.errors.emptyList')),
    ],
    [/^must NOT have more than (\d+) items$/, (m) => t('criteria.errors.tooMany', { n: m[1] })],
    [/^must NOT have fewer than 1 properties$/, () => t('criteria.errors.noBound')],
    [/^must be integer$/, () => t('criteria.errors.integer')],
    [/^must be number$/, () => t('criteria.errors.number')],
    [/^must be >= (-?\d+)$/, (m) => t('criteria.errors.atLeast', { n: m[1] })],
    [/^must be <= (-?\d+)$/, (m) => t('criteria.errors.atMost', { n: m[1] })],
    [/^must match pattern "\^-\?\[0-9\]/, () => t('criteria.errors.amount')],
    [/^must match format "uuid"$/, () => t('criteria.errors.choose')],
    [/^nests deeper than (\d+) levels$/, (m) => t('criteria.errors.depth', { n: m[1] })],
    [/^has more than (\d+) conditions$/, (m) => t('criteria.errors.conditions', { n: m[1] })],
    // Things the criteria name that the company no longer has.
    [/^no such (category|attribute|aging scheme|scheme)$/, () => t('criteria.errors.unknown')],
    [
      /^no bucket "(.*)" in the scheme (.*)$/s,
      (m) => t('criteria.errors.noBucket', { bucket: m[1], scheme: m[2] }),
    ],
    [/^no such bucket$/, () => t('criteria.errors.unknown')],
    [/^the attribute (.*) holds /s, (m) => t('criteria.errors.attributeType', { name: m[1] })],
    [/^is not a choice of (.*)$/s, (m) => t('criteria.errors.notChoice', { name: m[1] })],
  ];

  /** A refusal of a node; `group` when it is about an and/or group rather than a condition. */
  const message = (text: string, group = false): string => {
    for (const [pattern, translate] of patterns) {
      const match = text.match(pattern);
      if (match) return translate(match, group);
    }
    return fieldMessage(text);
  };

  return { field, op, message };
}
