import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { NotFoundError } from '../errors.ts';
import type { CommandContext } from '../access/commandContext.ts';
import { eventOf } from '../access/commandContext.ts';
import { CATALOGUE_STREAM, emptyCatalogue, evolveCatalogue, type Catalogue } from './catalogue.ts';
import { emptyAccount, evolve, type CustomerAccount } from './customerAccount.ts';
import type { PendingEvent } from './decideRecords.ts';
import { customerStream } from './ledgerIds.ts';
import { withDefaultScheme } from './readCatalogue.ts';

async function streamEvents(tx: TenantTransaction, tenantId: string, streamId: string) {
  const { rows } = await tx.query<{ type: string; data: Record<string, unknown> }>(
    'SELECT type, data FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version',
    [tenantId, streamId],
  );
  return rows;
}

/**
 * Runs one command on a customer account: folds its stream, lets `decide` return the new
 * events, and appends them expecting the version it read — a concurrent change makes the
 * append fail (409) instead of deciding on stale state.
 */
export async function onCustomerAccount<T>(
  tx: TenantTransaction,
  command: CommandContext,
  tenantId: string,
  customerId: string,
  decide: (account: CustomerAccount) => { events: PendingEvent[]; result: T },
): Promise<T> {
  const account = emptyAccount(customerId);
  for (const event of await streamEvents(tx, tenantId, customerStream(customerId))) {
    evolve(account, event.type, event.data);
  }
  if (!account.details) throw new NotFoundError('No such customer');
  const { events, result } = decide(account);
  if (events.length > 0) {
    await tx.append(
      customerStream(customerId),
      events.map((e) => eventOf(command, tenantId, e.type, e.data)),
      account.version,
    );
  }
  return result;
}

/** The same for the tenant's catalogue of categories, attributes and aging schemes. */
export async function onCatalogue<T>(
  tx: TenantTransaction,
  command: CommandContext,
  tenantId: string,
  decide: (catalogue: Catalogue) => { events: PendingEvent[]; result: T },
): Promise<T> {
  const catalogue = emptyCatalogue();
  for (const event of await streamEvents(tx, tenantId, CATALOGUE_STREAM)) {
    evolveCatalogue(catalogue, event.type, event.data);
  }
  const version = catalogue.version;
  const { events, result } = decide(withDefaultScheme(catalogue));
  if (events.length > 0) {
    await tx.append(
      CATALOGUE_STREAM,
      events.map((e) => eventOf(command, tenantId, e.type, e.data)),
      version,
    );
  }
  return result;
}
