import type { Transport } from './transport.ts';

/** A label the company puts on customers, such as "Kluczowy" or "Sąd". */
export interface Category {
  id: string;
  name: string;
  /** `#rrggbb`, lower case. */
  colour: string;
}

export type AttributeType = 'text' | 'number' | 'boolean' | 'choice';

/** A field of the company's own on every customer, such as "Opiekun" or "Limit kredytowy". */
export interface Attribute {
  id: string;
  name: string;
  type: AttributeType;
  /** The values a `choice` attribute allows. */
  choices?: string[];
}

export interface NewAttribute {
  name: string;
  type: AttributeType;
  choices?: string[];
}

/** The company's categories and attributes of customers. */
export function catalogueRoutes(http: Transport) {
  const category = (id: string) => `/api/categories/${encodeURIComponent(id)}`;
  return {
    categories: {
      list: () => http.request<{ items: Category[] }>('GET', '/api/categories'),
      create: (body: Omit<Category, 'id'>) =>
        http.request<Category>('POST', '/api/categories', { body }),
      change: (id: string, body: Partial<Omit<Category, 'id'>>) =>
        http.request<Category>('PATCH', category(id), { body }),
      remove: (id: string) => http.request<void>('DELETE', category(id)),
    },
    attributes: {
      list: () => http.request<{ items: Attribute[] }>('GET', '/api/attributes'),
      create: (body: NewAttribute) => http.request<Attribute>('POST', '/api/attributes', { body }),
      remove: (id: string) =>
        http.request<void>('DELETE', `/api/attributes/${encodeURIComponent(id)}`),
    },
  };
}
