import { createHash } from 'node:crypto';
import {
  ConflictError,
  NotFoundError,
  formatAmount,
  readCatalogue,
  type CommandContext,
  type GroupSelection,
  type MessageSender,
  type TemplateContent,
  type TenantTransaction,
} from '@monity/core';
import { v5 as uuidv5 } from 'uuid';
import { GROUPS } from '../groups/groupProjection.ts';
import { currenciesOf, selectionInvoices } from '../groups/selectionQueries.ts';
import { CUSTOMERS, INVOICES } from '../ledger/ledgerTables.ts';
import { loadMessageContext } from '../templates/messageContext.ts';
import { renderMessages } from '../templates/renderMessages.ts';
import { TEMPLATES } from '../templates/templateProjection.ts';

/** Who a manual run goes to: the members of a saved group, or customers picked by hand. */
export type ManualAudience = { groupId: string } | { customerIds: string[] };

export interface PlannedMessage {
  customerId: string;
  name: string;
  currency: string;
  invoiceIds: string[];
  /** Where it goes; none when the customer has no address for the template's medium. */
  to: string | null;
  open: string;
}

/** The template, and every message a run of it to the audience would send, before it does. */
export async function planManualRun(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  audience: ManualAudience,
  templateId: string,
) {
  const { rows: templates } = await tx.query<TemplateContent & { name: string }>(
    `SELECT name, medium, language, subject, html, text FROM ${TEMPLATES}
     WHERE template_id = $1`,
    [templateId],
  );
  const template = templates[0];
  if (!template) throw new NotFoundError('No such template');
  const invoices = await audienceInvoices(tx, tenantId, today, audience);
  const { rows: names } = await tx.query<{ customer_id: string; name: string }>(
    `SELECT customer_id, name FROM ${CUSTOMERS} WHERE customer_id = ANY($1::uuid[])`,
    [[...new Set(invoices.map((i) => i.customer_id))]],
  );
  const nameOf = new Map(names.map((n) => [n.customer_id, n.name]));
  const planned = new Map<string, PlannedMessage & { openMinor: number }>();
  for (const invoice of invoices) {
    const key = `${invoice.customer_id}/${invoice.currency}`;
    const address = template.medium === 'email' ? invoice.emails[0] : invoice.phones[0];
    const message = planned.get(key) ?? {
      customerId: invoice.customer_id,
      name: nameOf.get(invoice.customer_id) ?? '',
      currency: invoice.currency,
      invoiceIds: [],
      to: address ?? null,
      open: '',
      openMinor: 0,
    };
    message.invoiceIds.push(invoice.invoice_id);
    message.openMinor += Number(invoice.open_amount);
    planned.set(key, message);
  }
  const messages = [...planned.values()]
    .map(({ openMinor, ...m }) => ({ ...m, open: formatAmount(openMinor, m.currency) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'pl') || a.currency.localeCompare(b.currency));
  return { template, messages, confirmation: confirmationOf(templateId, messages) };
}

/**
 * What a person confirmed: the template and exactly these messages. A run whose plan has
 * changed since (a payment, a new invoice) is refused, so nothing goes out that was not seen.
 */
function confirmationOf(templateId: string, messages: PlannedMessage[]) {
  const hash = createHash('sha256').update(templateId);
  for (const m of messages) hash.update(`|${m.customerId}:${m.currency}:${m.to}:${m.invoiceIds}`);
  return hash.digest('base64url').slice(0, 22);
}

/** The open invoices of the audience's customers, with their addresses. */
async function audienceInvoices(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  audience: ManualAudience,
) {
  if ('customerIds' in audience) {
    // Picked by hand, still not those excluded from collection.
    const { rows } = await tx.query<Awaited<ReturnType<typeof selectionInvoices>>[number]>(
      `SELECT i.customer_id, i.invoice_id, i.currency, i.due_date::text, i.open_amount::text,
         c.emails, c.phones
       FROM ${INVOICES} i JOIN ${CUSTOMERS} c ON c.tenant_id = i.tenant_id
         AND c.customer_id = i.customer_id
       WHERE i.customer_id = ANY($1::uuid[]) AND i.open_amount > 0 AND NOT c.excluded
       ORDER BY i.customer_id, i.currency, i.due_date, i.invoice_id`,
      [audience.customerIds],
    );
    return rows;
  }
  const { rows } = await tx.query<{
    criteria: GroupSelection['criteria'];
    currency: string | null;
    include_excluded: boolean;
  }>(`SELECT criteria, currency, include_excluded FROM ${GROUPS} WHERE group_id = $1`, [
    audience.groupId,
  ]);
  const group = rows[0];
  if (!group) throw new NotFoundError('No such group');
  const selection: GroupSelection = {
    criteria: group.criteria,
    ...(group.currency ? { currency: group.currency } : {}),
    includeExcluded: group.include_excluded,
  };
  return selectionInvoices(tx, selection, {
    tenantId,
    today,
    catalogue: await readCatalogue(tx, tenantId),
    currencies: await currenciesOf(tx, tenantId),
  });
}

/**
 * Sends a confirmed plan through the outbox: one message per customer and currency with an
 * address, rendered now. Its ids come from the confirmation, so the same confirmation sent
 * twice (a double click) queues nothing more.
 */
export async function runManualPlan(
  tx: TenantTransaction,
  sender: MessageSender,
  command: CommandContext,
  plan: Awaited<ReturnType<typeof planManualRun>>,
  confirmation: string,
  context: { tenantId: string; today: string; templateId: string },
) {
  if (confirmation !== plan.confirmation) {
    throw new ConflictError(
      'plan_changed',
      'What this run would send has changed since it was confirmed: look again and confirm.',
    );
  }
  const content: TemplateContent = {
    medium: plan.template.medium,
    language: plan.template.language,
    ...(plan.template.subject ? { subject: plan.template.subject } : {}),
    ...(plan.template.html ? { html: plan.template.html } : {}),
    ...(plan.template.text ? { text: plan.template.text } : {}),
  };
  const idOf = (message: PlannedMessage) =>
    uuidv5(`manual:${confirmation}:${message.customerId}:${message.currency}`, context.tenantId);
  const sendable = plan.messages.filter((m) => m.to !== null);
  // The ids come from the confirmation: if its first message is queued, the run was done.
  if (sendable.length > 0) {
    const { rows } = await tx.query('SELECT 1 FROM message_index WHERE message_id = $1', [
      idOf(sendable[0]!),
    ]);
    if (rows.length > 0) return { queued: 0, already: sendable.length };
  }
  let queued = 0;
  for (const message of sendable) {
    const loaded = await loadMessageContext(tx, {
      tenantId: context.tenantId,
      customerId: message.customerId,
      today: context.today,
      currency: message.currency,
      invoiceIds: message.invoiceIds,
    });
    const [rendered] = renderMessages(content, loaded, '/template');
    if (!rendered) continue;
    await sender.enqueueWithin(
      tx,
      command,
      context.tenantId,
      {
        medium: plan.template.medium,
        to: message.to!,
        ...(rendered.subject ? { subject: rendered.subject } : {}),
        text: rendered.text,
        ...(rendered.html ? { html: rendered.html } : {}),
        about: {
          purpose: 'manual',
          customerId: message.customerId,
          currency: message.currency,
          invoiceIds: message.invoiceIds,
          templateId: context.templateId,
        },
      },
      { messageId: idOf(message) },
    );
    queued += 1;
  }
  return { queued, already: 0 };
}
