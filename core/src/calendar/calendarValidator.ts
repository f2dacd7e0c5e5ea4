import { Ajv2020 } from 'ajv/dist/2020.js';
import { ValidationError, type FieldError } from '../errors.ts';
import { toFieldErrors } from '../http/toFieldErrors.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });

/**
 * A validator for one of the calendar's documents: the schema first, then `check`, for what a
 * schema cannot say (that a window opens before it closes, that a time zone exists). Every
 * problem comes back as one ValidationError addressed from `pointer`, such as `/body/window`.
 */
export function calendarValidator<T>(
  schema: JsonSchema<T>,
  what: string,
  check: (document: T) => { at: string; message: string } | undefined,
): (document: unknown, pointer: string) => T {
  const validateSchema = ajv.compile(schema);
  return (document, pointer) => {
    const errors: FieldError[] = [];
    if (!validateSchema(document)) {
      const found = toFieldErrors(pointer.replace(/^\//, ''), validateSchema.errors ?? []);
      errors.push(...found.filter(useful).map(readable));
    } else {
      const problem = check(document as T);
      if (problem) errors.push({ pointer: pointer + problem.at, message: problem.message });
    }
    if (errors.length > 0) throw new ValidationError(`The ${what} is not valid.`, errors);
    return document as T;
  };
}

// `if` failures only say that a `then` branch failed; the branch's own errors say what.
const useful = (error: FieldError) => !/must match "(then|else)" schema/.test(error.message);
// A `false` schema marks a property that the document's other choices rule out.
const readable = (error: FieldError) =>
  error.message === 'boolean schema is false' ? { ...error, message: 'is not allowed' } : error;
