import { MonityError, ValidationError } from '../errors.ts';
import type { HttpContext } from './appState.ts';
import { compileValidator, type PartValidator, type RequestPart } from './compileValidator.ts';
import type { JsonSchema } from './jsonSchema.ts';

export interface RequestInput<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

type InputSchemas = Partial<Record<RequestPart, JsonSchema>>;

const PARTS: RequestPart[] = ['params', 'query', 'body'];

interface PartCheck {
  part: RequestPart;
  validate: PartValidator;
}

/** Compiles the schemas once; the reader it returns validates each request against them. */
export function compileInputReader(schemas: InputSchemas): (ctx: HttpContext) => RequestInput {
  const validators = PARTS.flatMap((part): PartCheck[] => {
    const schema = schemas[part];
    return schema ? [{ part, validate: compileValidator(part, schema) }] : [];
  });
  const expectsBody = schemas.body !== undefined;

  return (ctx) => {
    const input: RequestInput = {
      params: { ...ctx.params },
      query: { ...ctx.query },
      body: expectsBody ? readJsonBody(ctx) : undefined,
    };
    throwOnInvalid(input, validators);
    return input;
  };
}

function throwOnInvalid(input: RequestInput, validators: PartCheck[]): void {
  const errors = validators.flatMap(({ part, validate }) => validate(input[part]));
  if (errors.length > 0) {
    throw new ValidationError('The request does not match its schema; see errors.', errors);
  }
}

function readJsonBody(ctx: HttpContext): unknown {
  if (ctx.request.is('application/json') === false) {
    throw new MonityError('unsupported_media_type', 'The body must be application/json.', 415);
  }
  return ctx.request.body;
}
