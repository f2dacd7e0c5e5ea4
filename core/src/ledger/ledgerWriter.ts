import type pg from 'pg';
import { isUniqueViolation } from '../database/databaseError.ts';
import { newEventId } from '../eventStore/eventId.ts';
import type { FieldError } from '../errors.ts';
import {
  ConcurrencyError,
  type Actor,
  type EventMetadata,
  type PostgresEventStore,
  type StreamAppend,
} from '../eventStore/index.ts';
import { CATALOGUE_STREAM, emptyCatalogue, evolveCatalogue } from './catalogue.ts';
import { emptyAccount, evolve, type CustomerAccount } from './customerAccount.ts';
import {
  applyEvents,
  decideRecord,
  keyOf,
  type DecisionState,
  type PendingEvent,
  type RecordStatus,
  type SourceKey,
  type ValidRecord,
} from './decideRecords.ts';
import type { CustomerRecord, InvoiceRecord, PaymentRecord, RecordKind } from './importRecords.ts';
import { customerIdOf, customerOfStream, customerStream } from './ledgerIds.ts';
import { validateCustomer, validateInvoice, validatePayment } from './validateRecords.ts';

export type LedgerRecord =
  | { kind: 'customer'; record: CustomerRecord }
  | { kind: 'invoice'; record: InvoiceRecord }
  | { kind: 'payment'; record: PaymentRecord };

/** Records that land together or not at all: one row of a file, or one record of the API. */
export type LedgerUnit = LedgerRecord[];

export interface RecordResult {
  kind: RecordKind;
  id: string;
  status: RecordStatus;
  /** Pointers are relative to the record, e.g. `/taxId`. */
  errors?: FieldError[];
}

export interface WriteContext {
  tenantId: string;
  actor: Actor;
  correlationId: string;
  requestId?: string;
  /** The tenant's today, YYYY-MM-DD. */
  today: string;
}

export interface WriteOptions {
  /** Work that must commit with the batch, e.g. an import job's progress. */
  beforeCommit?(client: pg.ClientBase, results: RecordResult[][]): Promise<void>;
}

const ATTEMPTS = 8;

/**
 * Writes batches of ledger records: validates them, decides each against its customer
 * account's current state, and appends all the batch's events in one transaction by COPY,
 * with the new source keys and whatever the caller adds. When another writer got there first
 * (a version conflict or a source key taken meanwhile), it decides the whole batch again.
 *
 * It runs on the owner's pool: COPY is refused under row-level security, so the tenant is
 * named in every statement here instead, and every event is checked to be the tenant's.
 */
export class LedgerWriter {
  constructor(
    private readonly deps: {
      pgPool: pg.Pool;
      eventStore: PostgresEventStore;
      clock: { now(): Date };
    },
  ) {}

  async write(
    context: WriteContext,
    units: LedgerUnit[],
    options: WriteOptions = {},
  ): Promise<RecordResult[][]> {
    const checked = validateAll(units);
    for (let attempt = 1; ; attempt++) {
      const client = await this.deps.pgPool.connect();
      try {
        await client.query('BEGIN');
        const { results, appends, keys } = await this.decide(client, context, checked);
        await insertKeys(client, context.tenantId, keys);
        // The events are built here from records validated field by field, within the
        // limits of the event schemas: the store checks the first of each type, not each one.
        await this.deps.eventStore.appendManyWithin(client, appends, {
          schemaChecks: 'first-of-each-type',
        });
        await options.beforeCommit?.(client, results);
        await client.query('COMMIT');
        if (appends.length > 0) this.deps.eventStore.committed();
        return results;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const raced =
          error instanceof ConcurrencyError || isUniqueViolation(error, 'ledger_keys_pkey');
        if (!raced || attempt === ATTEMPTS) throw error;
      } finally {
        client.release();
      }
    }
  }

  private async decide(client: pg.ClientBase, context: WriteContext, units: CheckedRecord[][]) {
    const { tenantId } = context;
    const valid = units.flat().flatMap((c) => (c.ok ? [c.value] : []));
    const customerIds = new Set(valid.map((r) => customerIdOf(tenantId, customerSourceIdOf(r))));
    const streamIds = [...customerIds].map(customerStream);
    const streams = await this.deps.eventStore.readStreamsWithin(client, tenantId, [
      CATALOGUE_STREAM,
      ...streamIds,
    ]);

    const catalogue = emptyCatalogue();
    for (const event of streams.get(CATALOGUE_STREAM) ?? []) {
      evolveCatalogue(catalogue, event.type, event.data);
    }
    const base = new Map<string, { version: number; events: PendingEvent[] }>();
    const accounts = new Map<string, CustomerAccount>();
    for (const streamId of streamIds) {
      const events = streams.get(streamId) ?? [];
      const account = foldAccount(customerOfStream(streamId), events);
      base.set(account.customerId, { version: events.length, events });
      if (events.length > 0) accounts.set(account.customerId, account);
    }
    const state: DecisionState = {
      tenantId,
      today: context.today,
      catalogue,
      accounts,
      keys: await loadKeys(client, tenantId, valid),
    };

    const batch: BatchDecisions = { pending: new Map(), newKeys: [], base, settled: new Map() };
    const results = units.map((unit) => decideUnit(state, unit, batch));
    const { pending, newKeys } = batch;

    const metadata: EventMetadata = {
      tenantId,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: null,
      occurredAt: this.deps.clock.now().toISOString(),
      ...(context.requestId ? { requestId: context.requestId } : {}),
    };
    const appends: StreamAppend[] = [];
    for (const [customerId, events] of pending) {
      if (events.length === 0) continue;
      const version = base.get(customerId)!.version;
      appends.push({
        stream: { tenantId, streamId: customerStream(customerId) },
        events: events.map((event) => ({ id: newEventId(), ...event, metadata })),
        expectedVersion: version === 0 ? 'no_stream' : version,
      });
    }
    return { results, appends, keys: newKeys };
  }
}

/**
 * Validates every record once. A file of invoices repeats each customer on every row: the same
 * customer record is checked once per batch (phone numbers are the dearest part), not per row.
 */
function validateAll(units: LedgerUnit[]): CheckedRecord[][] {
  const customers = new Map<string, CheckedRecord>();
  return units.map((unit) =>
    unit.map((item) => {
      if (item.kind !== 'customer') return validate(item);
      const key = JSON.stringify(item.record);
      let checked = customers.get(key);
      if (!checked) customers.set(key, (checked = validate(item)));
      return checked;
    }),
  );
}

type CheckedRecord =
  | { ok: true; value: ValidRecord }
  | { ok: false; kind: RecordKind; id: string; errors: FieldError[] };

function validate(item: LedgerRecord): CheckedRecord {
  const checked =
    item.kind === 'customer'
      ? validateCustomer(item.record)
      : item.kind === 'invoice'
        ? validateInvoice(item.record)
        : validatePayment(item.record);
  return checked.ok
    ? { ok: true, value: { kind: item.kind, value: checked.value } as ValidRecord }
    : { ok: false, kind: item.kind, id: String(item.record.id ?? ''), errors: checked.errors };
}

function customerSourceIdOf(record: ValidRecord): string {
  return record.kind === 'customer' ? record.value.sourceId : record.value.customerSourceId;
}

function foldAccount(customerId: string, events: PendingEvent[]): CustomerAccount {
  const account = emptyAccount(customerId);
  for (const event of events) evolve(account, event.type, event.data);
  return account;
}

/** What the units of one batch decide into, in order. */
interface BatchDecisions {
  /** New events by customer id. */
  pending: Map<string, PendingEvent[]>;
  newKeys: SourceKey[];
  /** Each account as stored before the batch: its version and events. */
  base: Map<string, { version: number; events: PendingEvent[] }>;
  /**
   * The customer record last decided for each account in this batch, its events applied. A
   * file of invoices repeats it on every row, and deciding the same record again against the
   * account it has just shaped changes nothing: it is `unchanged` without deciding it again.
   */
  settled: Map<string, CheckedRecord>;
}

/**
 * Decides a unit's records in order. When one is refused, the unit's earlier records are taken
 * back: the accounts they touched are folded again from what was there before the unit.
 */
function decideUnit(
  state: DecisionState,
  unit: CheckedRecord[],
  { pending, newKeys, base, settled }: BatchDecisions,
): RecordResult[] {
  const marks = new Map<string, number>();
  const keysMark = newKeys.length;
  const results: RecordResult[] = [];
  let refused = false;
  for (const checked of unit) {
    if (!checked.ok) {
      results.push({
        kind: checked.kind,
        id: checked.id,
        status: 'rejected',
        errors: checked.errors,
      });
      refused = true;
      continue;
    }
    const record = checked.value;
    const id = record.value.sourceId;
    if (refused) {
      results.push({ kind: record.kind, id, status: 'rejected', errors: [] });
      continue;
    }
    const customerId = customerIdOf(state.tenantId, customerSourceIdOf(record));
    if (record.kind === 'customer' && settled.get(customerId) === checked) {
      results.push({ kind: record.kind, id, status: 'unchanged' });
      continue;
    }
    const outcome = decideRecord(state, record);
    if (outcome.status === 'rejected') {
      results.push({ kind: record.kind, id, status: 'rejected', errors: outcome.errors });
      refused = true;
      continue;
    }
    if (record.kind === 'customer') settled.set(customerId, checked);
    const events = pending.get(customerId) ?? [];
    pending.set(customerId, events);
    if (!marks.has(customerId)) marks.set(customerId, events.length);
    let account = state.accounts.get(customerId);
    if (!account) state.accounts.set(customerId, (account = emptyAccount(customerId)));
    applyEvents(account, outcome.events);
    events.push(...outcome.events);
    if (outcome.key) {
      newKeys.push(outcome.key);
      state.keys.set(keyOf(outcome.key.kind, outcome.key.sourceId), outcome.key.customerId);
    }
    results.push({ kind: record.kind, id, status: outcome.status });
  }
  if (!refused) return results;

  for (const key of newKeys.splice(keysMark)) state.keys.delete(keyOf(key.kind, key.sourceId));
  for (const [customerId, mark] of marks) {
    settled.delete(customerId);
    const events = pending.get(customerId)!;
    events.length = mark;
    const before = [...(base.get(customerId)?.events ?? []), ...events];
    if (before.length === 0) state.accounts.delete(customerId);
    else state.accounts.set(customerId, foldAccount(customerId, before));
  }
  // Records decided before the refusal are refused with it: the unit lands whole or not at all.
  return results.map((result) =>
    result.status === 'rejected' ? result : { ...result, status: 'rejected', errors: [] },
  );
}

async function loadKeys(
  client: pg.ClientBase,
  tenantId: string,
  records: ValidRecord[],
): Promise<Map<string, string>> {
  const kinds: string[] = [];
  const sourceIds: string[] = [];
  const want = (kind: string, sourceId: string) => {
    kinds.push(kind);
    sourceIds.push(sourceId);
  };
  for (const record of records) {
    if (record.kind === 'invoice') {
      want(record.value.corrects ? 'credit_note' : 'invoice', record.value.sourceId);
    } else if (record.kind === 'payment') {
      want('payment', record.value.sourceId);
    }
  }
  const keys = new Map<string, string>();
  if (kinds.length === 0) return keys;
  // One index probe per wanted key. As a plain join, a table that grew since it was last
  // analysed (an import's own keys) looked small enough to hash all of the tenant's keys, on
  // every batch: 36 ms at 50,000 keys, growing with each batch of a large import.
  const { rows } = await client.query<{ kind: string; source_id: string; customer_id: string }>(
    `SELECT wanted.kind, wanted.source_id, k.customer_id
     FROM unnest($2::text[], $3::text[]) AS wanted (kind, source_id)
     CROSS JOIN LATERAL (SELECT customer_id FROM ledger_keys
       WHERE tenant_id = $1 AND kind = wanted.kind AND source_id = wanted.source_id
       LIMIT 1) AS k`,
    [tenantId, kinds, sourceIds],
  );
  for (const row of rows) keys.set(`${row.kind}:${row.source_id}`, row.customer_id);
  return keys;
}

async function insertKeys(client: pg.ClientBase, tenantId: string, keys: SourceKey[]) {
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO ledger_keys (tenant_id, kind, source_id, customer_id)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::uuid[])`,
    [tenantId, keys.map((k) => k.kind), keys.map((k) => k.sourceId), keys.map((k) => k.customerId)],
  );
}
