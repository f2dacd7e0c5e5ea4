import { eventOf, type CommandContext } from '../access/commandContext.ts';
import type { NewEvent } from '../eventStore/index.ts';
import { messageStream } from './messageEvents.ts';
import type { TenantDatabase, TenantTransaction } from '../database/tenantDatabase.ts';
import type { ChannelAccounts } from '../channels/channelAccounts.ts';
import { addToOutbox } from '../dispatch/outbox.ts';
import { v7 as uuidv7 } from 'uuid';
import {
  channelMessageOf,
  handOver,
  indexMessages,
  queuedEvent,
  queueMessage,
  recordOutcomes,
  type OutgoingMessage,
} from './messageRecords.ts';

export type { OutgoingMessage, SendOutcome } from './messageRecords.ts';

/**
 * Sends messages, now or through the outbox. Both record the message as queued first, with
 * what it says, so a provider's callback finds it at once.
 */
export class MessageSender {
  constructor(
    private readonly deps: {
      tenantDb: TenantDatabase;
      accounts: ChannelAccounts;
      publicUrl: string | undefined;
      /** Called after an enqueue commits: the local dispatcher looks at once. */
      onEnqueued?: () => void;
    },
  ) {}

  /**
   * Sends one message now: handed to its channel, and the outcome recorded. A process that
   * dies between the hand-over and the record leaves the message queued: this direct path is
   * for test and manual sends; scheduled ones go through `enqueue`.
   */
  async send(command: CommandContext, tenantId: string, message: OutgoingMessage) {
    const { tenantDb, accounts } = this.deps;
    const { messageId, route } = await tenantDb.transaction({ tenantId }, (tx) =>
      queueMessage(tx, accounts, command, tenantId, message),
    );
    const content = channelMessageOf(
      messageId,
      tenantId,
      message,
      route.accountId,
      this.deps.publicUrl,
    );
    const outcome = await handOver(() => route.channel.send(content, route.settings), messageId);
    await tenantDb.transaction({ tenantId }, (tx) =>
      recordOutcomes(tx, command, tenantId, [{ outcome }]),
    );
    return outcome;
  }

  /**
   * Queues one message for the dispatcher, to leave no earlier than `notBefore` (now when
   * left out): its MessageQueued event and its outbox row are one transaction.
   */
  async enqueue(
    command: CommandContext,
    tenantId: string,
    message: OutgoingMessage,
    options: EnqueueOptions = {},
  ) {
    const queued = await this.deps.tenantDb.transaction({ tenantId }, (tx) =>
      this.enqueueWithin(tx, command, tenantId, message, options),
    );
    this.deps.onEnqueued?.();
    return queued;
  }

  /**
   * `enqueue` within the caller's transaction, for work that queues a message together with
   * its own events. The dispatcher finds it at its next poll. With a `messageId` of the
   * caller's choosing, queuing it again fails with a ConcurrencyError.
   */
  async enqueueWithin(
    tx: TenantTransaction,
    command: CommandContext,
    tenantId: string,
    message: OutgoingMessage,
    options: EnqueueOptions = {},
  ) {
    const [queued] = await this.enqueueManyWithin(tx, command, tenantId, [{ message, options }]);
    return queued!;
  }

  /**
   * Queues many messages in the caller's transaction with a few statements whatever their
   * number: the events through the event store's bulk append, the index and outbox rows in
   * one insert each (the collection scheduler queues hundreds at a time). A `messageId` that
   * is queued already fails the whole call with a ConcurrencyError.
   */
  async enqueueManyWithin(
    tx: TenantTransaction,
    command: CommandContext,
    tenantId: string,
    items: { message: OutgoingMessage; options?: EnqueueOptions }[],
  ) {
    const { accounts } = this.deps;
    const routes = new Map<string, ReturnType<ChannelAccounts['forSending']>>();
    const queued = [];
    for (const { message, options = {} } of items) {
      const routeKey = `${message.medium}/${message.accountId ?? ''}`;
      let route = routes.get(routeKey);
      if (!route)
        routes.set(routeKey, (route = accounts.forSending(tx, message.medium, message.accountId)));
      const messageId = options.messageId ?? uuidv7();
      const notBefore = options.notBefore ?? command.clock.now();
      const channel = (await route).channel.name;
      const events: NewEvent[] = [queuedEvent(command, tenantId, messageId, message, await route)];
      if (options.awaitApproval) {
        events.push(
          eventOf(command, tenantId, 'MessageHeldForApproval', {
            messageId,
            notBefore: notBefore.toISOString(),
          }),
        );
      }
      queued.push({ messageId, channel, notBefore, events, held: !!options.awaitApproval });
    }
    await tx.appendMany(
      queued.map((q) => ({
        streamId: messageStream(q.messageId),
        events: q.events,
        expectedVersion: 'no_stream' as const,
      })),
    );
    await indexMessages(tx, tenantId, queued);
    const waiting = queued.filter((q) => !q.held);
    if (waiting.length > 0) await addToOutbox(tx, tenantId, waiting);
    return queued.map(({ messageId, channel, notBefore }) => ({
      messageId,
      channel,
      notBefore: notBefore.toISOString(),
    }));
  }
}

export interface EnqueueOptions {
  /** When the message may leave; now when left out. */
  notBefore?: Date;
  /** The message's id, for callers that must queue a message at most once. */
  messageId?: string;
  /** Kept out of the outbox until a collector approves it (`POST /api/messages/:id/approval`). */
  awaitApproval?: boolean;
}
