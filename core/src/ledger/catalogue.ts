/** The tenant's categories, attributes and aging schemes, folded from the `catalogue` stream. */

export const CATALOGUE_STREAM = 'catalogue';

export type AttributeType = 'text' | 'number' | 'boolean' | 'choice';
export type AttributeValue = string | number | boolean | null;

export interface Category {
  categoryId: string;
  name: string;
  colour: string;
}

export interface Attribute {
  attributeId: string;
  name: string;
  type: AttributeType;
  choices?: string[];
}

/** A day range relative to the due date; `null` is open-ended. Negative days: not yet due. */
export interface AgingBucket {
  label: string;
  from: number | null;
  to: number | null;
}

export interface AgingScheme {
  schemeId: string;
  name: string;
  buckets: AgingBucket[];
}

export interface Catalogue {
  version: number;
  categories: Map<string, Category>;
  attributes: Map<string, Attribute>;
  schemes: Map<string, AgingScheme>;
}

export function emptyCatalogue(): Catalogue {
  return { version: 0, categories: new Map(), attributes: new Map(), schemes: new Map() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

export function evolveCatalogue(catalogue: Catalogue, type: string, d: Validated): void {
  catalogue.version += 1;
  switch (type) {
    case 'CategoryDefined':
    case 'CategoryChanged':
      catalogue.categories.set(d.categoryId, {
        categoryId: d.categoryId,
        name: d.name,
        colour: d.colour,
      });
      return;
    case 'CategoryRemoved':
      catalogue.categories.delete(d.categoryId);
      return;
    case 'AttributeDefined':
      catalogue.attributes.set(d.attributeId, {
        attributeId: d.attributeId,
        name: d.name,
        type: d.type,
        ...(d.choices ? { choices: d.choices } : {}),
      });
      return;
    case 'AttributeChanged': {
      const attribute = catalogue.attributes.get(d.attributeId);
      if (attribute) Object.assign(attribute, { name: d.name, choices: d.choices });
      return;
    }
    case 'AttributeRemoved':
      catalogue.attributes.delete(d.attributeId);
      return;
    case 'AgingSchemeDefined':
    case 'AgingSchemeChanged':
      catalogue.schemes.set(d.schemeId, { schemeId: d.schemeId, name: d.name, buckets: d.buckets });
      return;
    case 'AgingSchemeRemoved':
      catalogue.schemes.delete(d.schemeId);
      return;
  }
}

export function findByName<T extends { name: string }>(
  items: Map<string, T>,
  name: string,
): T | undefined {
  const wanted = name.trim().toLocaleLowerCase('pl');
  for (const item of items.values()) if (item.name.toLocaleLowerCase('pl') === wanted) return item;
  return undefined;
}

/** Reads an attribute value from text, as an import column or a form gives it. */
export function readAttributeValue(
  attribute: Attribute,
  text: string,
): { ok: true; value: AttributeValue } | { ok: false; problem: string } {
  const value = text.trim();
  if (value === '') return { ok: true, value: null };
  switch (attribute.type) {
    case 'text':
      return { ok: true, value: value.slice(0, 500) };
    case 'number': {
      const normalised = value.replace(/\s/g, '').replace(',', '.');
      const number = Number(normalised);
      return /^-?\d+(\.\d+)?$/.test(normalised) && Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, problem: `"${text}" is not a number` };
    }
    case 'boolean': {
      const lower = value.toLocaleLowerCase('pl');
      if (['tak', 'yes', 'true', '1', 't', 'y'].includes(lower)) return { ok: true, value: true };
      if (['nie', 'no', 'false', '0', 'n'].includes(lower)) return { ok: true, value: false };
      return { ok: false, problem: `"${text}" is not yes or no` };
    }
    case 'choice': {
      const choice = attribute.choices?.find(
        (c) => c.toLocaleLowerCase('pl') === value.toLocaleLowerCase('pl'),
      );
      return choice
        ? { ok: true, value: choice }
        : { ok: false, problem: `"${text}" is not one of: ${attribute.choices?.join(', ')}` };
    }
  }
}

/** The scheme every tenant starts with. Its id is fixed so that links to it never break. */
export const DEFAULT_AGING_SCHEME: AgingScheme = {
  schemeId: '00000000-0000-4000-8000-000000000001',
  name: 'Standard',
  buckets: [
    { label: 'not_due', from: null, to: 0 },
    { label: '1-30', from: 1, to: 30 },
    { label: '31-60', from: 31, to: 60 },
    { label: '61-90', from: 61, to: 90 },
    { label: '91-180', from: 91, to: 180 },
    { label: '180+', from: 181, to: null },
  ],
};
