import type { TemplateKind, TemplateLanguage } from '@monity/sdk';

export const TEMPLATE_KINDS: TemplateKind[] = [
  'reminder_before_due',
  'reminder',
  'demand',
  'repeated_demand',
  'final_demand',
  'other',
];
export const TEMPLATE_LANGUAGES: TemplateLanguage[] = ['pl', 'en'];

/** Names of templates' collection steps and languages, in the page's language. */
export function useTemplateLabels() {
  const { t } = useI18n();

  return {
    kind: (kind: string) => t(`templates.kinds.${kind}`),
    language: (language: string) => t(`templates.languages.${language}`),
    kindOptions: computed(() =>
      TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`templates.kinds.${k}`) })),
    ),
    languageOptions: computed(() =>
      TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: t(`templates.languages.${l}`) })),
    ),
  };
}
