import type { JsonSchema } from '../http/jsonSchema.ts';
import { API_KEY_ROLES, ROLES } from './roles.ts';

export const emailSchema = { type: 'string', format: 'email', maxLength: 320 } as const;
export const passwordSchema = { type: 'string', minLength: 10, maxLength: 200 } as const;
export const nameSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const roleSchema = { enum: [...ROLES] } as const;
export const apiKeyRoleSchema = { enum: [...API_KEY_ROLES] } as const;

export const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

export function objectSchema<T>(
  properties: Record<string, object>,
  required: string[] = Object.keys(properties),
): JsonSchema<T> {
  return { type: 'object', additionalProperties: false, required, properties };
}
