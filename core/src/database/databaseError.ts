import { MonityError } from '../errors.ts';

interface PgErrorFields {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A failure of PostgreSQL, wrapped with its cause and the constraint that failed, if any. */
export class DatabaseError extends MonityError {
  readonly sqlState: string | undefined;
  readonly constraint: string | undefined;

  constructor(error: unknown) {
    const fields = (error ?? {}) as PgErrorFields;
    super('database_error', `Database error: ${fields.message ?? String(error)}`, 500, {
      cause: error,
    });
    this.sqlState = fields.code;
    this.constraint = fields.constraint;
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const fields = ((error instanceof DatabaseError ? error.cause : error) ?? {}) as PgErrorFields;
  return fields.code === '23505' && (!constraint || fields.constraint === constraint);
}
