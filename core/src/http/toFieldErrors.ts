import type { ErrorObject } from 'ajv/dist/2020.js';

import type { FieldError } from '../errors.ts';

/** Turns ajv errors into field errors addressed from the root of the request part. */
export function toFieldErrors(part: string, errors: ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    const { missingProperty, additionalProperty } = error.params as Record<string, unknown>;
    if (typeof missingProperty === 'string') {
      return { pointer: pointerTo(part, error, missingProperty), message: 'is required' };
    }
    if (typeof additionalProperty === 'string') {
      return { pointer: pointerTo(part, error, additionalProperty), message: 'is not allowed' };
    }
    return { pointer: pointerTo(part, error), message: error.message ?? 'is invalid' };
  });
}

function pointerTo(part: string, error: ErrorObject, property?: string): string {
  const child = property === undefined ? '' : `/${escapePointerToken(property)}`;
  return `/${part}${error.instancePath}${child}`;
}

function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
