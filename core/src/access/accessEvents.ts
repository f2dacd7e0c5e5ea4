import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';
import { ROLES } from './roles.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const role = { enum: [...ROLES] } as const;
const email = { type: 'string', maxLength: 320 } as const;

/**
 * The facts of tenants and access. Secrets (password hashes, token and key hashes) never enter
 * the log: they live in the access tables written in the same transaction.
 */
export const accessEventTypes: EventTypeDefinition[] = [
  eventType('TenantRegistered', { name: { type: 'string' }, taxId: { type: 'string' } }),
  eventType('TenantDetailsChanged', { changes: { type: 'object' } }),
  eventType('MemberJoined', { userId: uuid, email, name: { type: 'string' }, role }),
  eventType('MemberRoleChanged', { userId: uuid, from: role, to: role }),
  eventType('MemberDisabled', { userId: uuid }),
  eventType('MemberEnabled', { userId: uuid }),
  eventType('UserInvited', { invitationId: uuid, email, role }),
  eventType('InvitationCancelled', { invitationId: uuid, email }),
  eventType('UserLoggedIn', { userId: uuid }),
  eventType('UserLoggedOut', { userId: uuid }),
  eventType('PasswordChanged', { userId: uuid }),
  eventType('ApiKeyCreated', {
    apiKeyId: uuid,
    name: { type: 'string' },
    role,
    prefix: { type: 'string' },
  }),
  eventType('ApiKeyRevoked', { apiKeyId: uuid, name: { type: 'string' } }),
];
