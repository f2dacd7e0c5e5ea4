/** Every event carries who caused it, for which tenant, in which chain of causes, and when. */
export const eventMetadataSchema = {
  type: 'object',
  required: ['tenantId', 'actor', 'correlationId', 'causationId', 'occurredAt'],
  additionalProperties: false,
  properties: {
    tenantId: { type: 'string', format: 'uuid' },
    actor: {
      type: 'object',
      required: ['kind', 'id'],
      additionalProperties: false,
      properties: {
        kind: { enum: ['user', 'api_key', 'system'] },
        id: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    correlationId: { type: 'string', minLength: 1, maxLength: 200 },
    causationId: { type: ['string', 'null'], maxLength: 200 },
    occurredAt: { type: 'string', format: 'date-time' },
    requestId: { type: 'string', maxLength: 200 },
    ip: { type: 'string', maxLength: 64 },
  },
} as const;
