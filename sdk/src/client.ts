import { agingRoutes } from './aging.ts';
import { catalogueRoutes } from './catalogue.ts';
import { channelAccountRoutes, channelRoutes } from './channels.ts';
import { customerRoutes, noteRoutes } from './customers.ts';
import { dashboardRoutes } from './dashboard.ts';
import { exchangeRateRoutes } from './exchangeRates.ts';
import { groupRoutes } from './groups.ts';
import { importPresetRoutes, importRoutes } from './imports.ts';
import { invoiceRoutes } from './invoices.ts';
import { messageRoutes } from './messages.ts';
import { paymentRoutes } from './payments.ts';
import { collectionRoutes, processRoutes } from './processes.ts';
import { templateRoutes } from './templates.ts';
import { Transport, type TransportOptions } from './transport.ts';
import type {
  ApiKey,
  AuditLogFilter,
  AuditLogPage,
  CreatedApiKey,
  Invitation,
  InvitationPreview,
  MailboxMessage,
  Role,
  Session,
  SignupRequest,
  TenantChanges,
  TenantDetails,
  User,
  UserList,
} from './types.ts';

export type MonityClient = ReturnType<typeof createMonityClient>;

/**
 * A client of the Monity HTTP API. In a browser it rides on the session cookie: every call
 * that answers a `Session` keeps its CSRF token for the calls that follow.
 *
 * @example
 * const monity = createMonityClient();
 * await monity.auth.login({ email: 'anna@firma.pl', password: '…' });
 * const { users } = await monity.users.list();
 * const { items, next } = await monity.customers.list({ overdue: true, sort: '-overdue' });
 */
export function createMonityClient(options: TransportOptions = {}) {
  const http = new Transport(options);
  const remember = (session: Session): Session => {
    http.csrfToken = session.csrfToken;
    return session;
  };
  const post = <T>(path: string, body?: unknown) => http.request<T>('POST', path, { body });

  return {
    session: {
      get: () => http.request<Session>('GET', '/api/session').then(remember),
      switchTenant: (tenantId: string) =>
        post<Session>('/api/session/tenant', { tenantId }).then(remember),
    },
    auth: {
      signup: (body: SignupRequest) => post<Session>('/api/auth/signup', body).then(remember),
      login: (body: { email: string; password: string }) =>
        post<Session>('/api/auth/login', body).then(remember),
      logout: async () => {
        await post<void>('/api/auth/logout');
        http.csrfToken = undefined;
      },
      requestPasswordReset: (email: string) => post<void>('/api/auth/password-reset', { email }),
      confirmPasswordReset: (body: { token: string; password: string }) =>
        post<void>('/api/auth/password-reset/confirm', body),
    },
    tenant: {
      get: () => http.request<TenantDetails>('GET', '/api/tenant'),
      change: (body: TenantChanges) =>
        http.request<TenantDetails>('PATCH', '/api/tenant', { body }),
    },
    invitations: {
      preview: (token: string) =>
        http.request<InvitationPreview>('GET', `/api/invitations/${encodeURIComponent(token)}`),
      accept: (body: { token: string; name: string; password: string }) =>
        post<Session>('/api/invitations/accept', body).then(remember),
      create: (body: { email: string; role: Role }) => post<Invitation>('/api/invitations', body),
      cancel: (id: string) => http.request<void>('DELETE', `/api/invitations/${id}`),
    },
    users: {
      list: () => http.request<UserList>('GET', '/api/users'),
      changeRole: (id: string, role: Role) =>
        http.request<User>('PATCH', `/api/users/${id}`, { body: { role } }),
      disable: (id: string) => post<User>(`/api/users/${id}/disable`),
      enable: (id: string) => post<User>(`/api/users/${id}/enable`),
    },
    apiKeys: {
      list: () => http.request<{ apiKeys: ApiKey[] }>('GET', '/api/api-keys'),
      create: (body: { name: string; role: Role }) => post<CreatedApiKey>('/api/api-keys', body),
      revoke: (id: string) => http.request<void>('DELETE', `/api/api-keys/${id}`),
    },
    auditLog: {
      list: (filter: AuditLogFilter & { after?: string; limit?: number } = {}) =>
        http.request<AuditLogPage>('GET', '/api/audit-log', { query: { ...filter } }),
      actions: () => http.request<{ actions: string[] }>('GET', '/api/audit-log/actions'),
      /** Where the same entries download as CSV (for a link; the cookie authenticates it). */
      csvUrl: (filter: AuditLogFilter = {}) => http.url('/api/audit-log.csv', { ...filter }),
    },
    mailbox: {
      list: () => http.request<{ messages: MailboxMessage[] }>('GET', '/api/mailbox'),
      get: (id: string) => http.request<MailboxMessage>('GET', `/api/mailbox/${id}`),
      /** Messages that belong to no tenant (password resets); needs no login. */
      listSandbox: () =>
        http.request<{ messages: MailboxMessage[] }>('GET', '/api/sandbox-mailbox'),
    },
    customers: customerRoutes(http),
    notes: noteRoutes(http),
    invoices: invoiceRoutes(http),
    payments: paymentRoutes(http),
    imports: importRoutes(http),
    importPresets: importPresetRoutes(http),
    ...catalogueRoutes(http),
    aging: agingRoutes(http),
    groups: groupRoutes(http),
    dashboard: dashboardRoutes(http),
    exchangeRates: exchangeRateRoutes(http),
    channels: channelRoutes(http),
    channelAccounts: channelAccountRoutes(http),
    messages: messageRoutes(http),
    processes: processRoutes(http),
    collection: collectionRoutes(http),
    templates: templateRoutes(http),
  };
}
