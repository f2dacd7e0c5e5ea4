/**
 * Shapes of the Monity HTTP API, as the web app and scripts see them.
 *
 * These types are written by hand until they are generated from `/api/openapi.json`; when the
 * two disagree, the OpenAPI document is right.
 */

export type Role = 'owner' | 'admin' | 'collector' | 'viewer';

/** What a role may do; the session lists the ones the current user holds in this tenant. */
export type Permission =
  | 'users.read'
  | 'users.manage'
  | 'api_keys.manage'
  | 'audit.read'
  | 'mailbox.read'
  | 'tenant.manage'
  | 'ledger.read'
  | 'ledger.write'
  | 'ledger.configure'
  | (string & {});

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface Tenant {
  id: string;
  name: string;
  /** Polish NIP. */
  taxId: string;
  defaultCurrency: string;
  language: 'pl' | 'en';
  timeZone: string;
}

export interface TenantAddress {
  street?: string;
  postalCode?: string;
  city?: string;
  /** ISO 3166-1 alpha-2, such as `PL`. */
  country?: string;
}

export interface BankAccount {
  /** Answered in electronic form (`PL61109010140000071219812874`); an NRB is read as Polish. */
  iban: string;
  bankName?: string;
  /** ISO 4217, such as `PLN`. */
  currency?: string;
}

/** The company in full, as `GET /api/tenant` answers it. */
export interface TenantDetails extends Tenant {
  address: TenantAddress;
  bankAccounts: BankAccount[];
}

/** What `PATCH /api/tenant` changes; fields left out stay, `bankAccounts` replaces the list. */
export type TenantChanges = Partial<Omit<TenantDetails, 'id'>>;

export interface TenantMembership {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  user: SessionUser;
  tenant: Tenant;
  role: Role;
  permissions: Permission[];
  tenants: TenantMembership[];
  /** Sent back as `X-CSRF-Token` on every request that changes something. */
  csrfToken: string;
}

export interface SignupRequest {
  companyName: string;
  taxId: string;
  name: string;
  email: string;
  password: string;
  language?: 'pl' | 'en';
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  lastLoginAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedAt: string;
  expiresAt: string;
}

export interface InvitationPreview {
  email: string;
  tenantName: string;
  role: Role;
}

export interface UserList {
  users: User[];
  invitations: Invitation[];
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key just created: `key` is its only appearance; clients send `Authorization: Bearer`. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface AuditActor {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  name: string;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: AuditActor;
  /** The event type, such as `UserInvited`. */
  action: string;
  summary: string;
  requestId: string | null;
  ip: string | null;
}

export interface AuditLogFilter {
  actorId?: string;
  action?: string;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** `YYYY-MM-DD`, inclusive. */
  to?: string;
}

export interface AuditLogPage {
  entries: AuditEntry[];
  /** Cursor of the next page, passed back as `after`; null on the last page. */
  next: string | null;
}

/** A message the sandbox kept instead of sending; its id is the message's id in the log. */
export interface MailboxMessage {
  id: string;
  /** The medium it would have travelled as: `email`, `sms` or `voice`. */
  channel: string;
  to: string;
  /** E-mail only. */
  subject: string | null;
  text: string;
  html: string | null;
  createdAt: string;
}
