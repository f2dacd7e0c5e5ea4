import type { SettingsProperty, SettingsSchema, SettingValue } from '@monity/sdk';

/** How a setting is typed in: the input it gets and how its text becomes a value. */
type SettingKind = 'text' | 'secret' | 'integer' | 'number' | 'boolean' | 'choice';

/** One input of an account's settings form, made from a property of the channel's schema. */
export interface SettingField {
  name: string;
  kind: SettingKind;
  /** The schema's title, else the property's name. */
  title: string;
  description?: string;
  required: boolean;
  /** For `choice`: the values allowed, as the schema lists them. */
  choices?: (string | number)[];
  /** `email` or `url` for text the browser can help with. */
  inputType?: 'email' | 'url';
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** The form's state: text as typed for every input but a switch. */
export type SettingsDraft = Record<string, string | boolean>;

const INPUT_FORMATS = { email: 'email', uri: 'url', url: 'url' } as const;

function kindOf(property: SettingsProperty): SettingKind | undefined {
  if (Array.isArray(property.enum)) return 'choice';
  if (property.writeOnly === true) return 'secret';
  switch (property.type ?? 'string') {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/**
 * The inputs of a channel's settings, in the schema's order. Properties of a type a flat form
 * cannot hold (objects, arrays) are left out: `skipped` names them.
 */
export function settingFields(schema: SettingsSchema | null): {
  fields: SettingField[];
  skipped: string[];
} {
  const required = new Set(schema?.required ?? []);
  const fields: SettingField[] = [];
  const skipped: string[] = [];
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const kind = kindOf(property);
    if (!kind) {
      skipped.push(name);
      continue;
    }
    const format = property.format as keyof typeof INPUT_FORMATS | undefined;
    fields.push({
      name,
      kind,
      title: property.title ?? name,
      ...(property.description ? { description: property.description } : {}),
      required: required.has(name),
      ...(kind === 'choice' ? { choices: property.enum } : {}),
      ...(format && INPUT_FORMATS[format] ? { inputType: INPUT_FORMATS[format] } : {}),
      ...(property.maxLength !== undefined ? { maxLength: property.maxLength } : {}),
      ...(property.minimum !== undefined ? { minimum: property.minimum } : {}),
      ...(property.maximum !== undefined ? { maximum: property.maximum } : {}),
    });
  }
  return { fields, skipped };
}

/**
 * The form filled in from an account's settings, or from the schema's defaults for a new one.
 * A secret always starts empty: the server never sends it back.
 */
export function settingsDraft(
  fields: SettingField[],
  schema: SettingsSchema | null,
  settings: Record<string, SettingValue> = {},
): SettingsDraft {
  const draft: SettingsDraft = {};
  for (const field of fields) {
    const value =
      field.name in settings ? settings[field.name] : schema?.properties?.[field.name]?.default;
    if (field.kind === 'secret') draft[field.name] = '';
    else if (field.kind === 'boolean') draft[field.name] = value === true;
    else
      draft[field.name] =
        value === undefined || value === null || typeof value === 'object' ? '' : String(value);
  }
  return draft;
}

/** Whether an account holds a secret (the server shows a set one as `{ set: true }`). */
export function secretIsSet(settings: Record<string, SettingValue> | undefined, name: string) {
  const value = settings?.[name];
  return typeof value === 'object' && value !== null && value.set === true;
}

/** A number as typed, with a comma or a dot; left as text when it is none, for the API to say. */
function numberOf(text: string, integer: boolean): number | string {
  const normal = text.replace(/\s/g, '').replace(',', '.');
  const pattern = integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  return pattern.test(normal) ? Number(normal) : text;
}

/**
 * The settings to send. Empty inputs are left out: an empty secret keeps the value the account
 * has, and a required one left empty is refused by the server at its field. Numbers that do
 * not parse are sent as typed, so the refusal names the field.
 */
export function settingsBody(
  fields: SettingField[],
  draft: SettingsDraft,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = draft[field.name];
    if (typeof value === 'boolean') {
      body[field.name] = value;
      continue;
    }
    const text = field.kind === 'secret' ? (value ?? '') : (value ?? '').trim();
    if (text === '') continue;
    if (field.kind === 'integer' || field.kind === 'number') {
      body[field.name] = numberOf(text, field.kind === 'integer');
    } else if (field.kind === 'choice') {
      body[field.name] = field.choices?.find((choice) => String(choice) === text) ?? text;
    } else {
      body[field.name] = text;
    }
  }
  return body;
}
