import {
  DEFAULT_SENDING_WINDOW,
  nextInSendingWindow,
  nextOccurrence,
  stepDue,
  type GroupSelection,
  type Medium,
  type ProcessDefinition,
  type ProcessStep,
  type TenantTransaction,
} from '@monity/core';
import { v5 as uuidv5 } from 'uuid';
import { selectionInvoices, type SelectionScope } from '../groups/selectionQueries.ts';
import { GROUPS } from '../groups/groupProjection.ts';
import { HOLDS } from './holdProjection.ts';
import { PROGRESS } from './progressProjection.ts';

/** One message a step owes one customer: the step's invoices in one currency. */
export interface DueMessage {
  processId: string;
  stepId: string;
  customerId: string;
  currency: string;
  invoiceIds: string[];
  /**
   * Derived from process, step, customer, currency and the invoices, so running the step again
   * finds the message it already made instead of making a second one for the same debt.
   */
  messageId: string;
  /** The first channel of the step the customer has an address for; none: nothing to send. */
  channel: { medium: Medium; templateId: string; accountId?: string; to: string } | undefined;
  /** When it may go: in the sending window, at the step's schedule. */
  notBefore: Date;
  /** The step has a collector approve each message before it leaves. */
  awaitApproval: boolean;
  /** A hand-over: the invoices go into the package of the step's run today, no message. */
  handOver: boolean;
  packageId: string;
}

export interface StepScope extends SelectionScope {
  now: Date;
}

async function selectionOf(tx: TenantTransaction, step: ProcessStep) {
  if (!('groupId' in step.selection)) return step.selection as GroupSelection;
  const { rows } = await tx.query<{
    criteria: GroupSelection['criteria'];
    currency: string | null;
    include_excluded: boolean;
  }>(`SELECT criteria, currency, include_excluded FROM ${GROUPS} WHERE group_id = $1`, [
    step.selection.groupId,
  ]);
  const group = rows[0];
  // A group removed after the process was saved selects nobody until the process is changed.
  if (!group) return undefined;
  return {
    criteria: group.criteria,
    ...(group.currency ? { currency: group.currency } : {}),
    includeExcluded: group.include_excluded,
  };
}

/**
 * The messages step `index` of a process owes today: for every customer its selection takes
 * in and no promise or dispute holds back, the open invoices whose timing has come (days from
 * the due date, or from when the previous step reached them) and which have not yet reached
 * this step or a later one, one message per currency.
 */
export async function dueMessages(
  tx: TenantTransaction,
  process: ProcessDefinition & { id: string },
  index: number,
  scope: StepScope,
): Promise<DueMessage[]> {
  const step = process.steps[index]!;
  const selection = await selectionOf(tx, step);
  if (!selection) return [];
  const window = { ...DEFAULT_SENDING_WINDOW, ...process.window };
  const selected = await selectionInvoices(tx, selection, scope);
  if (selected.length === 0) return [];
  // A promise to pay holds a customer until its day has passed; a dispute while it is open.
  const { rows: held } = await tx.query<{ customer_id: string }>(
    `SELECT DISTINCT customer_id FROM ${HOLDS}
     WHERE open AND (kind = 'dispute' OR until >= $1::date) AND customer_id = ANY($2::uuid[])`,
    [scope.today, [...new Set(selected.map((i) => i.customer_id))]],
  );
  const paused = new Set(held.map((h) => h.customer_id));
  // Invoices handed over to an agency, by any process, are out of every reminder.
  const { rows: handedOver } = await tx.query<{ invoice_id: string }>(
    `SELECT invoice_id FROM ${PROGRESS}
     WHERE package_id IS NOT NULL AND invoice_id = ANY($1::uuid[])`,
    [selected.map((i) => i.invoice_id)],
  );
  const gone = new Set(handedOver.map((h) => h.invoice_id));
  const invoices = selected.filter((i) => !paused.has(i.customer_id) && !gone.has(i.invoice_id));
  if (invoices.length === 0) return [];
  const order = new Map(process.steps.map((s, i) => [s.id, i]));
  const { rows: reached } = await tx.query<{ invoice_id: string; step_id: string; at: Date }>(
    `SELECT invoice_id, step_id, reached_at AS at FROM ${PROGRESS}
     WHERE process_id = $1 AND invoice_id = ANY($2::uuid[])`,
    [process.id, invoices.map((i) => i.invoice_id)],
  );
  const progress = new Map<string, { furthest: number; at: Map<number, Date> }>();
  for (const row of reached) {
    const stepIndex = order.get(row.step_id);
    if (stepIndex === undefined) continue;
    const entry = progress.get(row.invoice_id) ?? { furthest: -1, at: new Map() };
    entry.furthest = Math.max(entry.furthest, stepIndex);
    entry.at.set(stepIndex, row.at);
    progress.set(row.invoice_id, entry);
  }

  // Invoices share due dates and runs share instants: each calendar answer is worked out once.
  const fromDueDate = step.timing.from === 'dueDate';
  const whenDue = memoised((anchor: string | number) =>
    stepDue(
      step.timing,
      typeof anchor === 'string' ? { dueDate: anchor } : { previousStepAt: new Date(anchor) },
      window,
    ),
  );
  const sendAt = memoised((earliest: number) =>
    step.schedule
      ? nextOccurrence(step.schedule, new Date(earliest - 1), window.timeZone, window)
      : nextInSendingWindow(window, new Date(earliest)),
  );
  // One package per hand-over step and day: what an agency receives together.
  const packageId = uuidv5(`${process.id}:${step.id}:${scope.today}`, scope.tenantId);
  const due = new Map<string, DueMessage & { emails: string[]; phones: string[] }>();
  for (const invoice of invoices) {
    const entry = progress.get(invoice.invoice_id);
    if (entry && entry.furthest >= index) continue;
    const previousStepAt = entry?.at.get(index - 1);
    if (!fromDueDate && !previousStepAt) continue;
    const when = whenDue(fromDueDate ? invoice.due_date : previousStepAt!.getTime());
    if (when.day > scope.today) continue;
    const key = `${invoice.customer_id}/${invoice.currency}`;
    const message = due.get(key) ?? {
      processId: process.id,
      stepId: step.id,
      customerId: invoice.customer_id,
      currency: invoice.currency,
      invoiceIds: [],
      messageId: '',
      channel: undefined,
      notBefore: when.sendAt,
      awaitApproval: step.approval === 'queue',
      handOver: step.kind === 'hand_over',
      packageId,
      emails: invoice.emails,
      phones: invoice.phones,
    };
    message.invoiceIds.push(invoice.invoice_id);
    if (when.sendAt > message.notBefore) message.notBefore = when.sendAt;
    due.set(key, message);
  }
  return [...due.values()].map(({ emails, phones, ...message }) => {
    const invoiceIds = [...message.invoiceIds].sort();
    const identity = [process.id, step.id, message.customerId, message.currency, ...invoiceIds];
    const earliest = message.notBefore > scope.now ? message.notBefore : scope.now;
    const notBefore = sendAt(earliest.getTime());
    return {
      ...message,
      invoiceIds,
      messageId: uuidv5(identity.join(':'), scope.tenantId),
      channel: channelFor(step, emails, phones),
      notBefore,
    };
  });
}

function channelFor(step: ProcessStep, emails: string[], phones: string[]) {
  for (const channel of step.channels) {
    const to = channel.medium === 'email' ? emails[0] : phones[0];
    if (to) return { ...channel, to };
  }
  return undefined;
}

/** `compute` remembering its answer for each key it was asked. */
function memoised<K, V>(compute: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    if (!answers.has(key)) answers.set(key, compute(key));
    return answers.get(key)!;
  };
}
