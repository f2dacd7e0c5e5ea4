/**
 * A channel's settings are checked by the channel's own JSON Schema, whose refusals come in
 * ajv's words, and a test message's address by the medium. These read in the page's language;
 * the others stay as the API sent them.
 */
export function useChannelFieldMessage() {
  const { t } = useI18n();
  const patterns: [RegExp, (match: RegExpMatchArray) => string][] = [
    [/^must be integer$/, () => t('channels.validation.integer')],
    [/^must be number$/, () => t('channels.validation.number')],
    [/^must be boolean$/, () => t('channels.validation.boolean')],
    [/^must be >= (-?[\d.]+)$/, (m) => t('channels.validation.minimum', { n: m[1] })],
    [/^must be <= (-?[\d.]+)$/, (m) => t('channels.validation.maximum', { n: m[1] })],
    [/^must be equal to one of the allowed values$/, () => t('channels.validation.choice')],
    [/^must match format "(?:uri|url)"$/, () => t('channels.validation.url')],
    [/^must match format "hostname"$/, () => t('channels.validation.hostname')],
    [/^is not allowed$/, () => t('channels.validation.unknown')],
    [/^is not an e-mail address$/, () => t('validation.email')],
    [/^is not a phone number$/, () => t('channels.validation.phone')],
  ];

  return (message: string): string => {
    for (const [pattern, translate] of patterns) {
      const match = message.match(pattern);
      if (match) return translate(match);
    }
    return message;
  };
}
