import type { Deliveries, DeliveryReport, Medium } from '@monity/core';

interface KnownAccount {
  tenantId: string;
  channel: string;
  settings: Record<string, unknown>;
}

interface KnownMessage {
  messageId: string;
  tenantId: string;
  medium: Medium;
  body: string;
  accountId?: string;
  channel?: string;
  providerMessageId?: string;
}

/**
 * Monity's side of providers' callbacks, in memory: the accounts and messages a test knows, the
 * one-time tokens seen, and every report recorded, in order.
 */
export class FakeDeliveries implements Deliveries {
  readonly accounts = new Map<string, KnownAccount>();
  readonly messages: KnownMessage[] = [];
  readonly reports: DeliveryReport[] = [];
  readonly tokens: { channel: string; token: string; ttlSeconds: number }[] = [];

  async account(accountId: string) {
    return this.accounts.get(accountId);
  }

  async message(lookup: { messageId: string } | { channel: string; providerMessageId: string }) {
    const found = this.messages.find((m) =>
      'messageId' in lookup
        ? m.messageId === lookup.messageId
        : m.channel === lookup.channel && m.providerMessageId === lookup.providerMessageId,
    );
    if (!found) return undefined;
    const { messageId, tenantId, medium, body } = found;
    return { messageId, tenantId, accountId: found.accountId ?? null, medium, body };
  }

  async firstSeen(channel: string, token: string, ttlSeconds: number) {
    const seen = this.tokens.some((t) => t.channel === channel && t.token === token);
    if (!seen) this.tokens.push({ channel, token, ttlSeconds });
    return !seen;
  }

  async record(report: DeliveryReport) {
    this.reports.push(report);
  }
}
