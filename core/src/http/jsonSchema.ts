import type { SchemaObject } from 'ajv/dist/2020.js';

/**
 * A JSON Schema (draft 2020-12) as a plain object. `T` is the TypeScript type of the data it
 * accepts; it exists only for the compiler, so a route handler gets typed input:
 * `const newCustomer: JsonSchema<NewCustomer> = { type: 'object', ... }`.
 */
export interface JsonSchema<T = unknown> extends SchemaObject {
  readonly __type?: T;
}
