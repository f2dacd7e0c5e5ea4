import {
  collectionStream,
  ConcurrencyError,
  EventIdConflictError,
  dayIn,
  eventOf,
  readCatalogue,
  type Clock,
  type CommandContext,
  type MessageSender,
  type NewEvent,
  type OutgoingMessage,
  type ProcessDefinition,
  type TemplateContent,
  type TenantDatabase,
  type TenantTransaction,
} from '@monity/core';
import type pg from 'pg';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { currenciesOf } from '../groups/selectionQueries.ts';
import { LeaderJob } from '../jobs/leaderJob.ts';
import { PROCESSES } from '../processes/processProjection.ts';
import { loadMessageContexts } from '../templates/messageContext.ts';
import type { RenderedMessage } from '../templates/renderMessages.ts';
import { TEMPLATES } from '../templates/templateProjection.ts';
import type { RenderJob } from './renderBatch.ts';
import { dueMessages, type DueMessage } from './dueMessages.ts';
import { RenderPool } from './renderPool.ts';

// Any number fixed for Monity: one process at a time leads the collection.
const SCHEDULER_LOCK = 0x6d6f6e_636f6c;
/** With the company's id hashed beside it: one run of a company's collection at a time. */
export const RUN_LOCK = 0x6d636f6c;

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SchedulerDeps {
  tenantDb: TenantDatabase;
  /** The owner's pool: lists the companies and holds the leader's advisory lock. */
  pgPool: pg.Pool;
  clock: Clock;
  logger: Logger;
  sender: () => MessageSender;
  /** Seconds between the leader's runs of every company (MONITY_COLLECTION_TICK_SECONDS). */
  tickSeconds: number;
  /** Where messages are rendered: worker threads of its own when left out. */
  renderPool?: RenderPool;
}

export interface RunReport {
  scheduled: number;
  /** Already scheduled by an earlier run. */
  already: number;
  withoutAddress: number;
  /** Invoices' groups put into a package for the agency by a hand-over step. */
  handedOver: number;
  /** Could not be rendered (a template removed, say): tried again at the next run. */
  failed: number;
  /**
   * When the first message this run scheduled may leave (ISO), the sending window's next
   * opening if it is closed now; null when the run scheduled none.
   */
  firstLeavesAt: string | null;
}

type Counted = Exclude<keyof RunReport, 'firstLeavesAt'>;

/**
 * Runs the companies' active collection processes: every tick (a minute by default) the leading
 * server process (LeaderJob) finds for each step the messages it owes (dueMessages.ts), renders
 * each from its template in a worker thread (RenderPool), and records, a few hundred messages
 * to a transaction, the customers' steps reached and the messages queued in the outbox. A
 * message's id comes from its process, step, customer, currency and invoices, so a second run,
 * or a second server, finds it queued and makes no other.
 */
export class CollectionScheduler {
  private readonly job: LeaderJob;
  private readonly renderPool: RenderPool;

  constructor(private readonly deps: SchedulerDeps) {
    this.renderPool = deps.renderPool ?? new RenderPool();
    this.job = new LeaderJob({
      name: 'collection',
      when: [{ interval: `${deps.tickSeconds}s` }],
      lock: SCHEDULER_LOCK,
      pgPool: deps.pgPool,
      logger: deps.logger,
      work: (tenant) => this.runTenant(tenant.id, tenant.timeZone, { ifIdle: true }),
    });
  }

  start() {
    return this.job.start();
  }

  async stop() {
    await this.job.stop();
    await this.renderPool.close();
  }

  /**
   * One company's active processes, step by step, one run at a time in any server process. A
   * run asked for by hand waits for the one under way to end; the leader's tick (`ifIdle`)
   * leaves out a company whose run is under way, which is doing the same work (what becomes
   * due meanwhile waits for the next tick), and reports nothing done.
   */
  async runTenant(
    tenantId: string,
    timeZone: string,
    options: { ifIdle?: boolean } = {},
  ): Promise<RunReport> {
    const client = await this.deps.pgPool.connect();
    try {
      if (options.ifIdle) {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [RUN_LOCK, tenantId],
        );
        if (!rows[0]!.locked) return emptyReport();
      } else {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUN_LOCK, tenantId]);
      }
      try {
        return await this.runAlone(tenantId, timeZone);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK, tenantId]);
      }
    } finally {
      client.release();
    }
  }

  private async runAlone(tenantId: string, timeZone: string): Promise<RunReport> {
    const { tenantDb, clock } = this.deps;
    const now = clock.now();
    const today = dayIn(timeZone, clock);
    const report = emptyReport();
    const command: CommandContext = {
      actor: { kind: 'system', id: 'collection' },
      requestId: uuidv7(),
      ip: '',
      clock,
    };
    // Its threads load while the steps' messages are selected.
    this.renderPool.warm();
    const processes = await tenantDb.transaction({ tenantId }, async (tx) => {
      const { rows } = await tx.query<{ process_id: string; definition: ProcessDefinition }>(
        `SELECT process_id, definition FROM ${PROCESSES} WHERE active ORDER BY process_id`,
      );
      return rows.map((row) => ({ id: row.process_id, ...row.definition }));
    });
    for (const process of processes) {
      for (const index of process.steps.keys()) {
        const due = await tenantDb.transaction({ tenantId }, async (tx) => {
          const scope = {
            tenantId,
            today,
            now,
            catalogue: await readCatalogue(tx, tenantId),
            currencies: await currenciesOf(tx, tenantId),
          };
          return dueMessages(tx, process, index, scope);
        });
        const batches: DueMessage[][] = [];
        for (let i = 0; i < due.length; i += BATCH) batches.push(due.slice(i, i + BATCH));
        const prepare = (batch: DueMessage[] | undefined) =>
          batch && settled(this.prepareBatch(tenantId, today, batch));
        let preparing = prepare(batches[0]);
        for (const [b, batch] of batches.entries()) {
          const prepared = await preparing!;
          // The next batch is read and rendered while this one is written.
          preparing = prepare(batches[b + 1]);
          try {
            if (prepared instanceof Error) throw prepared;
            addUp(report, await this.recordBatch(command, tenantId, prepared));
          } catch (error) {
            // One of them cannot be recorded, or another run wrote to these customers meanwhile
            // (runs take turns; only one that lost its lock with its connection could): one at
            // a time tells which, and keeps the rest.
            if (!raced(error)) this.warnBatch(tenantId, error);
            for (const message of batch)
              await this.scheduleOne(command, tenantId, today, message, report);
          }
        }
      }
    }
    if (report.scheduled + report.failed > 0)
      this.deps.logger.info({ tenantId, ...report }, 'collection run');
    return report;
  }

  private async scheduleOne(
    command: CommandContext,
    tenantId: string,
    today: string,
    message: DueMessage,
    report: RunReport,
  ) {
    for (let round = 1; ; round++) {
      try {
        return addUp(report, await this.scheduleBatch(command, tenantId, today, [message]));
      } catch (error) {
        // Another run wrote to the customer's stream a moment ago, maybe this very step: the
        // next round sees which.
        if (raced(error) && round < SINGLE_ROUNDS) continue;
        report[raced(error) ? 'already' : 'failed'] += 1;
        if (!raced(error)) this.warnFailed(tenantId, message, error);
        return;
      }
    }
  }

  private warnFailed(tenantId: string, message: DueMessage, error: unknown) {
    this.deps.logger.warn(
      { tenantId, messageId: message.messageId, err: (error as Error).message },
      'a collection message could not be scheduled',
    );
  }

  private warnBatch(tenantId: string, error: unknown) {
    this.deps.logger.warn(
      { tenantId, err: (error as Error).message },
      'a batch of collection messages failed; scheduling them one at a time',
    );
  }

  /** Up to BATCH messages read, rendered and recorded. */
  private async scheduleBatch(
    command: CommandContext,
    tenantId: string,
    today: string,
    batch: DueMessage[],
  ): Promise<RunReport> {
    return this.recordBatch(command, tenantId, await this.prepareBatch(tenantId, today, batch));
  }

  /**
   * Which of the batch's steps were reached already, and the templates and contexts of its
   * messages, all read at once in one transaction; then every message rendered from them.
   */
  private async prepareBatch(
    tenantId: string,
    today: string,
    batch: DueMessage[],
  ): Promise<PreparedBatch> {
    const reachedIds = new Map(batch.map((due) => [due.messageId, reachedEventId(due)]));
    const { done, toRender } = await this.deps.tenantDb.transaction({ tenantId }, async (tx) => {
      const done = await reachedAlready(tx, reachedIds);
      const sending = batch.filter(
        (due) => due.channel && !due.handOver && !done.has(due.messageId),
      );
      return { done, toRender: await readForRendering(tx, tenantId, today, sending) };
    });
    return { batch, reachedIds, done, rendered: await render(this.renderPool, toRender) };
  }

  /**
   * A prepared batch recorded in one transaction: the customers' steps and the messages
   * appended by bulk append. Throws a ConcurrencyError or EventIdConflictError when another
   * server wrote to one of the customers or reached one of the steps since it was prepared.
   */
  private async recordBatch(
    command: CommandContext,
    tenantId: string,
    { batch, reachedIds, done, rendered }: PreparedBatch,
  ): Promise<RunReport> {
    const report = emptyReport();
    await this.deps.tenantDb.transaction({ tenantId }, async (tx) => {
      const reached = new Map<string, NewEvent[]>();
      const reach = (due: DueMessage, extra: object) => {
        const stream = collectionStream(due.processId, due.customerId);
        const events = reached.get(stream) ?? [];
        events.push({
          ...eventOf(command, tenantId, 'CollectionStepReached', {
            processId: due.processId,
            stepId: due.stepId,
            customerId: due.customerId,
            currency: due.currency,
            invoiceIds: due.invoiceIds,
            ...extra,
          }),
          id: reachedIds.get(due.messageId)!,
        });
        reached.set(stream, events);
      };
      const messages: Parameters<MessageSender['enqueueManyWithin']>[3] = [];
      for (const due of batch) {
        if (done.has(due.messageId)) {
          report.already += 1;
        } else if (due.handOver) {
          reach(due, { packageId: due.packageId });
          report.handedOver += 1;
        } else if (!due.channel) {
          reach(due, { skipped: 'no_address' });
          report.withoutAddress += 1;
        } else {
          const result = rendered.get(due.messageId)!;
          if (result instanceof Error) {
            report.failed += 1;
            this.warnFailed(tenantId, due, result);
            continue;
          }
          reach(due, { messageId: due.messageId });
          messages.push({ message: outgoing(due, result), options: enqueueOptions(due) });
          report.scheduled += 1;
          report.firstLeavesAt = earlier(report.firstLeavesAt, due.notBefore.toISOString());
        }
      }
      await tx.appendMany(
        [...reached].map(([streamId, events]) => ({ streamId, events, expectedVersion: 'any' })),
      );
      if (messages.length > 0)
        await this.deps.sender().enqueueManyWithin(tx, command, tenantId, messages);
    });
    return report;
  }
}

/** A batch read and rendered, ready to be recorded. */
interface PreparedBatch {
  batch: DueMessage[];
  /** The id of the event recording each message's step reached, by message id. */
  reachedIds: Map<string, string>;
  /** The message ids whose steps were reached already. */
  done: Set<string>;
  rendered: Map<string, RenderedMessage | Error>;
}

/** The promise's value, or the error it failed with, as a value to look at later. */
const settled = <T>(promise: Promise<T>): Promise<T | Error> =>
  promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

/**
 * Messages scheduled in one transaction: enough that a run's statements are few, few enough
 * that a transaction stays short and a batch redone one at a time is quick.
 */
const BATCH = 500;

const emptyReport = (): RunReport => ({
  scheduled: 0,
  already: 0,
  withoutAddress: 0,
  handedOver: 0,
  failed: 0,
  firstLeavesAt: null,
});

const COUNTED: Counted[] = ['scheduled', 'already', 'withoutAddress', 'handedOver', 'failed'];

function addUp(report: RunReport, batch: RunReport) {
  for (const key of COUNTED) report[key] += batch[key];
  report.firstLeavesAt = earlier(report.firstLeavesAt, batch.firstLeavesAt);
}

/** The earlier of two ISO instants, either maybe missing. */
const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/** Attempts of one message alone, when another server writes to the same customer. */
const SINGLE_ROUNDS = 3;

const raced = (error: unknown) =>
  error instanceof ConcurrencyError || error instanceof EventIdConflictError;

/**
 * The id of the event recording that a step reached a debt, from the step's message id (which
 * comes from process, step, customer, currency and invoices): a step reached twice, by a
 * second run or a second server, is refused by the events' unique ids, a message or not.
 */
const reachedEventId = (due: DueMessage) => uuidv5('CollectionStepReached', due.messageId);

/**
 * The message ids of the batch's steps reached already, by an earlier run or another server,
 * from the batch's reached-event ids by message id.
 */
async function reachedAlready(
  tx: TenantTransaction,
  reachedIds: Map<string, string>,
): Promise<Set<string>> {
  const messageOf = new Map([...reachedIds].map(([messageId, id]) => [id, messageId]));
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM events WHERE id = ANY ($1::uuid[])',
    [[...messageOf.keys()]],
  );
  return new Set(rows.map((row) => messageOf.get(row.id)!));
}

/** A batch's messages ready to render, and those that cannot be, with why. */
interface ToRender {
  jobs: RenderJob[];
  /** The message id of each job. */
  ids: string[];
  failed: Map<string, Error>;
}

/**
 * Each message's step template and its customer's context; the templates and contexts of all
 * read at once.
 */
async function readForRendering(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  messages: DueMessage[],
): Promise<ToRender> {
  const { rows } = await tx.query<TemplateContent & { template_id: string }>(
    `SELECT template_id, medium, language, subject, html, text FROM ${TEMPLATES}
     WHERE template_id = ANY ($1)`,
    [[...new Set(messages.map((due) => due.channel!.templateId))]],
  );
  const templates = new Map(rows.map((row) => [row.template_id, contentOf(row)]));
  const contexts = await loadMessageContexts(tx, tenantId, today, messages);
  const toRender: ToRender = { jobs: [], ids: [], failed: new Map() };
  for (const [i, due] of messages.entries()) {
    const template = templates.get(due.channel!.templateId);
    const context = contexts[i];
    if (!template) {
      toRender.failed.set(
        due.messageId,
        new Error(`The template ${due.channel!.templateId} is gone`),
      );
    } else if (!context) {
      toRender.failed.set(due.messageId, new Error(`The customer ${due.customerId} is gone`));
    } else {
      toRender.jobs.push({ template, context });
      toRender.ids.push(due.messageId);
    }
  }
  return toRender;
}

/**
 * Each message's step template filled for its customer, currency and invoices in the pool's
 * thread, or the error that kept it from being written, by message id.
 */
async function render(
  pool: RenderPool,
  { jobs, ids, failed }: ToRender,
): Promise<Map<string, RenderedMessage | Error>> {
  const rendered = new Map<string, RenderedMessage | Error>(failed);
  if (jobs.length === 0) return rendered;
  const results = await pool.render(jobs);
  for (const [i, result] of results.entries())
    rendered.set(ids[i]!, 'failed' in result ? new Error(result.failed) : result);
  return rendered;
}

function contentOf(row: TemplateContent): TemplateContent {
  return {
    medium: row.medium,
    language: row.language,
    ...(row.subject ? { subject: row.subject } : {}),
    ...(row.html ? { html: row.html } : {}),
    ...(row.text ? { text: row.text } : {}),
  };
}

/** The message a step's rendered template makes, with what it is about. */
function outgoing(due: DueMessage, rendered: RenderedMessage): OutgoingMessage {
  const channel = due.channel!;
  return {
    medium: channel.medium,
    to: channel.to,
    ...(rendered.subject ? { subject: rendered.subject } : {}),
    text: rendered.text,
    ...(rendered.html ? { html: rendered.html } : {}),
    ...(channel.accountId ? { accountId: channel.accountId } : {}),
    about: {
      purpose: 'process',
      customerId: due.customerId,
      currency: due.currency,
      invoiceIds: due.invoiceIds,
      templateId: channel.templateId,
    },
  };
}

const enqueueOptions = (due: DueMessage) => ({
  messageId: due.messageId,
  notBefore: due.notBefore,
  awaitApproval: due.awaitApproval,
});
