import type { ImportField } from '@monity/sdk';

/** An import field in words: `invoice.dueDate` → "Termin płatności"; unknown ones as sent. */
export function useImportFieldLabel() {
  const { t, te } = useI18n();
  return (field: ImportField | string): string => {
    const [name, attribute] = field.split(':');
    if (attribute) return t('import.fields.attribute', { name: attribute });
    const key = `import.fields.${name!.replace('.', '_')}`;
    return te(key) ? t(key) : field;
  };
}
