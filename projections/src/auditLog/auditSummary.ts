import type { RecordedEvent } from '@monity/core';

type Data = Record<string, unknown>;

/**
 * One line saying what an access event changed, in terms both languages can show as they are:
 * names, e-mail addresses and roles. Types without a line of their own show nothing extra.
 */
const SUMMARIES: Record<string, (data: Data) => string> = {
  TenantRegistered: (d) => `${d.name} (NIP ${d.taxId})`,
  TenantDetailsChanged: (d) => Object.keys(d.changes as Data).join(', '),
  MemberJoined: (d) => `${d.name} <${d.email}>: ${d.role}`,
  MemberRoleChanged: (d) => `${d.from} → ${d.to}`,
  UserInvited: (d) => `${d.email}: ${d.role}`,
  InvitationCancelled: (d) => `${d.email}`,
  ApiKeyCreated: (d) => `${d.name} (${d.prefix}…): ${d.role}`,
  ApiKeyRevoked: (d) => `${d.name}`,
};

export function auditSummary(event: RecordedEvent): string {
  return SUMMARIES[event.type]?.(event.data as Data) ?? '';
}
