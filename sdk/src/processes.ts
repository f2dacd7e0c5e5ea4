import type { Medium } from './channels.ts';
import type { CriteriaNode } from './groups.ts';
import type { MessageStatus } from './messages.ts';
import type { Amount, IsoDate } from './paging.ts';
import type { Transport } from './transport.ts';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** The part a step plays in the scenario; a hand-over makes a package for an agency. */
export type StepKind =
  'reminder_before_due' | 'reminder' | 'demand' | 'repeated_demand' | 'final_demand' | 'hand_over';

/** Who a step goes to: the members of a saved group, or criteria of its own. */
export type StepSelection =
  { groupId: string } | { criteria: CriteriaNode; currency?: string; includeExcluded?: boolean };

/** One way of reaching a customer: a medium, its template and optionally an account. */
export interface StepChannel {
  medium: Medium;
  templateId: string;
  /** The channel account to send through; the medium's default account when left out. */
  accountId?: string;
}

/**
 * When a step becomes due: calendar days from the invoice's due date (negative before it) or,
 * zero or more, from the day the previous step went out.
 */
export interface StepTiming {
  from: 'dueDate' | 'previousStep';
  days: number;
}

/** A rhythm on the company's clocks; `at` is HH:MM. A month without the day uses its last. */
export type Schedule =
  | { every: 'day' | 'businessDay'; at: string }
  | { every: 'week'; on: Weekday[]; at: string }
  | { every: 'month'; day: number; at: string };

/** When messages may go out; every field has a default, so `{}` is business hours in Warsaw. */
export interface SendingWindow {
  /** Monday to Friday when left out. */
  days?: Weekday[];
  /** HH:MM, 08:00 when left out. */
  from?: string;
  /** HH:MM after `from`, up to 24:00; 18:00 when left out. */
  to?: string;
  /** An IANA time zone, Europe/Warsaw when left out. */
  timeZone?: string;
  /** Skip Polish public holidays; true when left out. */
  skipHolidays?: boolean;
}

export interface ProcessStep {
  /** A UUID the client makes, kept across edits so a customer's progress keeps its step. */
  id: string;
  name: string;
  kind: StepKind;
  selection: StepSelection;
  /** In order: the first the customer has an address for is used. Empty for a hand-over. */
  channels: StepChannel[];
  timing: StepTiming;
  /** When the step runs; every business day at the window's opening when left out. */
  schedule?: Schedule;
  /** `queue`: a collector approves each message before it goes out. */
  approval: 'automatic' | 'queue';
}

/** A collection process: an ordered scenario of 1–20 steps and the window they keep to. */
export interface ProcessDefinition {
  name: string;
  steps: ProcessStep[];
  window?: SendingWindow;
}

export interface Process extends ProcessDefinition {
  id: string;
  /** 1 when created, one more on each change; sent back as `expectedVersion`. */
  version: number;
  /** Whether the scheduler runs it; a new process is stopped. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProcessChanges extends ProcessDefinition {
  /** The version the change was made on; a 409 answers a change made on an older one. */
  expectedVersion: number;
}

/**
 * Collection processes. Lists and single reads follow the writes a moment behind: a process
 * just saved may take a few hundred milliseconds to show at its new version.
 *
 * @example
 * const process = await monity.processes.create({ name: 'Standard', steps: [step] });
 * await monity.processes.start(process.id, process.version);
 */
export function processRoutes(http: Transport) {
  const path = (id: string) => `/api/processes/${encodeURIComponent(id)}`;
  return {
    list: () => http.request<{ items: Process[] }>('GET', '/api/processes'),
    get: (id: string) => http.request<Process>('GET', path(id)),
    /** Saves a new process, stopped; a 400 names each refused field by its pointer. */
    create: (body: ProcessDefinition) => http.request<Process>('POST', '/api/processes', { body }),
    /** Saves over the version named by `expectedVersion`; 409 when another change came first. */
    replace: (id: string, body: ProcessChanges) => http.request<Process>('PUT', path(id), { body }),
    start: (id: string, expectedVersion: number) =>
      http.request<Process>('POST', `${path(id)}/start`, { body: { expectedVersion } }),
    stop: (id: string, expectedVersion: number) =>
      http.request<Process>('POST', `${path(id)}/stop`, { body: { expectedVersion } }),
    remove: (id: string, expectedVersion: number) =>
      http.request<void>('DELETE', path(id), { query: { expectedVersion } }),
    /** Per step: customers reached, messages by status, and invoices paid after it. */
    overview: (id: string) => http.request<ProcessOverview>('GET', `${path(id)}/overview`),
  };
}

/** Why a customer moved through a step without a message: no address for any of its channels. */
export type StepSkip = 'no_address';

/** A step a customer's invoices reached: one line per message (one per currency). */
export interface StepReached {
  stepId: string;
  /** Null when a later version of the process removed the step. */
  name: string | null;
  kind: StepKind | null;
  reachedAt: string;
  /** Null when the step had no message for the customer (see `skipped`). */
  messageId: string | null;
  messageStatus: MessageStatus | null;
  skipped: StepSkip | null;
  currency: string;
  invoiceCount: number;
}

/** A promise to pay or a dispute: while open, no step schedules anything for the customer. */
export interface CollectionHold {
  id: string;
  kind: 'promise' | 'dispute';
  /** The promised day; null for a dispute. */
  until: IsoDate | null;
  amount: Amount | null;
  currency: string | null;
  /** A promise's note, or a dispute's reason. */
  text: string | null;
  /** A dispute until closed; a promise stays open (its day tells when it stops holding). */
  open: boolean;
  createdAt: string;
  closedAt: string | null;
}

/** Where a customer's collection stands. */
export interface CustomerCollection {
  processes: { processId: string; name: string | null; steps: StepReached[] }[];
  /** Newest first. */
  holds: CollectionHold[];
}

/** How far a step got: who it reached, its messages by status, and what was paid since. */
export interface StepOverview {
  stepId: string;
  name: string | null;
  kind: StepKind | null;
  customers: number;
  /** Every status, zero when no message is in it. */
  messages: Record<MessageStatus, number>;
  /** Invoices the step reached that are paid in full now, by currency. */
  paid: { currency: string; invoices: number; amount: Amount }[];
}

export interface ProcessOverview {
  processId: string;
  /** In the process's order, then steps a later version removed. */
  steps: StepOverview[];
}

export interface PromiseToPay {
  until: IsoDate;
  /** Needs `currency`. */
  amount?: Amount;
  currency?: string;
  note?: string;
}

/** What a collection run scheduled; its messages leave within each process's sending window. */
export interface CollectionRunReport {
  scheduled: number;
  /** Already scheduled by an earlier run. */
  already: number;
  withoutAddress: number;
  /** Invoices put into a package for the collection agency by a hand-over step. */
  handedOver: number;
  /** Could not be rendered (a template removed, say): tried again at the next run. */
  failed: number;
  /** When the first scheduled message may leave (ISO): later when the sending window is shut. */
  firstLeavesAt: string | null;
}

/**
 * A customer's collection: the steps reached, and the promises to pay and disputes that hold it.
 *
 * @example
 * await monity.collection.recordPromise(customerId, { until: '2026-05-12' });
 * const { processes, holds } = await monity.collection.ofCustomer(customerId);
 */
export function collectionRoutes(http: Transport) {
  const customer = (id: string) => `/api/customers/${encodeURIComponent(id)}`;
  return {
    /** Runs the due steps of every active process of the company now, not at the next minute. */
    run: () => http.request<CollectionRunReport>('POST', '/api/collection/run'),
    ofCustomer: (customerId: string) =>
      http.request<CustomerCollection>('GET', `${customer(customerId)}/collection`),
    /** A 400 names the day when it has passed, or the currency an amount lacks. */
    recordPromise: (customerId: string, body: PromiseToPay) =>
      http.request<{ id: string }>('POST', `${customer(customerId)}/promises`, { body }),
    openDispute: (customerId: string, reason: string) =>
      http.request<{ id: string }>('POST', `${customer(customerId)}/disputes`, {
        body: { reason },
      }),
    closeDispute: (customerId: string, disputeId: string, outcome?: string) =>
      http.request<void>(
        'POST',
        `${customer(customerId)}/disputes/${encodeURIComponent(disputeId)}/closure`,
        { body: outcome ? { outcome } : {} },
      ),
  };
}
