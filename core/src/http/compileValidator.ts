import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import type { FieldError } from '../errors.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { toFieldErrors } from './toFieldErrors.ts';

export type RequestPart = 'params' | 'query' | 'body';

/** Checks (and for params and query, coerces in place) one part of a request. */
export type PartValidator = (data: unknown) => FieldError[];

function createAjv(coerceTypes: Options['coerceTypes']): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, coerceTypes });
  addFormats.default(ajv);
  return ajv;
}

// Path and query values arrive as strings (or arrays of them); a JSON body keeps its types.
const ajvForText = createAjv('array');
const ajvForJson = createAjv(false);

export function compileValidator(part: RequestPart, schema: JsonSchema): PartValidator {
  const validate = (part === 'body' ? ajvForJson : ajvForText).compile(schema);

  return (data) => (validate(data) ? [] : toFieldErrors(part, validate.errors ?? []));
}
