import {
  collectionStream,
  ConcurrencyError,
  dayIn,
  eventOf,
  readCatalogue,
  type Clock,
  type CommandContext,
  type MessageSender,
  type ProcessDefinition,
  type TemplateContent,
  type TenantDatabase,
  type TenantTransaction,
} from '@monity/core';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { currenciesOf } from '../groups/selectionQueries.ts';
import { LeaderJob } from '../jobs/leaderJob.ts';
import { PROCESSES } from '../processes/processProjection.ts';
import { loadMessageContext } from '../templates/messageContext.ts';
import { renderMessages } from '../templates/renderMessages.ts';
import { TEMPLATES } from '../templates/templateProjection.ts';
import { dueMessages, type DueMessage } from './dueMessages.ts';

// Any number fixed for Monity: one process at a time leads the collection.
const SCHEDULER_LOCK = 0x6d6f6e_636f6c;

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
}

/**
 * Runs the companies' active collection processes: every minute the leading server process
 * (LeaderJob) finds for each step
 * the messages it owes (dueMessages.ts), renders each from its template, and records in one
 * transaction the customer's step reached and the message queued in the outbox. A message's id
 * comes from its process, step, customer, currency and invoices, so a second run, or a second
 * server, finds it queued and makes no other.
 */
export class CollectionScheduler {
  private readonly job: LeaderJob;

  constructor(private readonly deps: SchedulerDeps) {
    this.job = new LeaderJob({
      name: 'collection',
      when: [{ interval: '1m' }],
      lock: SCHEDULER_LOCK,
      pgPool: deps.pgPool,
      logger: deps.logger,
      work: (tenant) => this.runTenant(tenant.id, tenant.timeZone),
    });
  }

  start() {
    return this.job.start();
  }

  stop() {
    return this.job.stop();
  }

  /** One company's active processes, step by step. */
  async runTenant(tenantId: string, timeZone: string): Promise<RunReport> {
    const { tenantDb, clock } = this.deps;
    const now = clock.now();
    const today = dayIn(timeZone, clock);
    const report: RunReport = {
      scheduled: 0,
      already: 0,
      withoutAddress: 0,
      handedOver: 0,
      failed: 0,
    };
    const command: CommandContext = {
      actor: { kind: 'system', id: 'collection' },
      requestId: uuidv7(),
      ip: '',
      clock,
    };
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
        for (const message of due) {
          try {
            report[await this.schedule(command, tenantId, today, message)] += 1;
          } catch (error) {
            report.failed += 1;
            this.deps.logger.warn(
              { tenantId, messageId: message.messageId, err: (error as Error).message },
              'a collection message could not be scheduled',
            );
          }
        }
      }
    }
    if (report.scheduled + report.failed > 0)
      this.deps.logger.info({ tenantId, ...report }, 'collection run');
    return report;
  }

  private async schedule(
    command: CommandContext,
    tenantId: string,
    today: string,
    due: DueMessage,
  ): Promise<keyof RunReport> {
    try {
      return await this.deps.tenantDb.transaction({ tenantId }, async (tx) => {
        const reached = (extra: object) =>
          tx.append(
            collectionStream(due.processId, due.customerId),
            [
              eventOf(command, tenantId, 'CollectionStepReached', {
                processId: due.processId,
                stepId: due.stepId,
                customerId: due.customerId,
                currency: due.currency,
                invoiceIds: due.invoiceIds,
                ...extra,
              }),
            ],
            'any',
          );
        if (due.handOver) {
          await reached({ packageId: due.packageId });
          return 'handedOver';
        }
        if (!due.channel) {
          await reached({ skipped: 'no_address' });
          return 'withoutAddress';
        }
        const rendered = await render(tx, tenantId, today, due);
        await reached({ messageId: due.messageId });
        await this.deps.sender().enqueueWithin(
          tx,
          command,
          tenantId,
          {
            medium: due.channel.medium,
            to: due.channel.to,
            ...(rendered.subject ? { subject: rendered.subject } : {}),
            text: rendered.text,
            ...(rendered.html ? { html: rendered.html } : {}),
            ...(due.channel.accountId ? { accountId: due.channel.accountId } : {}),
            about: {
              purpose: 'process',
              customerId: due.customerId,
              currency: due.currency,
              invoiceIds: due.invoiceIds,
              templateId: due.channel.templateId,
            },
          },
          {
            messageId: due.messageId,
            notBefore: due.notBefore,
            awaitApproval: due.awaitApproval,
          },
        );
        return 'scheduled';
      });
    } catch (error) {
      // The message's stream exists: an earlier run, or another server, scheduled it.
      if (error instanceof ConcurrencyError) return 'already';
      throw error;
    }
  }
}

/** The step's template filled for the message's customer, currency and invoices. */
async function render(tx: TenantTransaction, tenantId: string, today: string, due: DueMessage) {
  const { rows } = await tx.query<TemplateContent>(
    `SELECT medium, language, subject, html, text FROM ${TEMPLATES} WHERE template_id = $1`,
    [due.channel!.templateId],
  );
  const template = rows[0];
  if (!template) throw new Error(`The template ${due.channel!.templateId} is gone`);
  const context = await loadMessageContext(tx, {
    tenantId,
    customerId: due.customerId,
    today,
    currency: due.currency,
    invoiceIds: due.invoiceIds,
  });
  const content: TemplateContent = {
    medium: template.medium,
    language: template.language,
    ...(template.subject ? { subject: template.subject } : {}),
    ...(template.html ? { html: template.html } : {}),
    ...(template.text ? { text: template.text } : {}),
  };
  const [message] = renderMessages(content, context);
  if (!message) throw new Error('Nothing is left unpaid of the step’s invoices');
  return message;
}
