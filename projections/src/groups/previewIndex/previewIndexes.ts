import type { GroupSelection, TenantDatabase, TenantTransaction } from '@monity/core';
import type { Logger } from 'pino';
import { QueryParts } from '../../ledger/keyset.ts';
import { compileSelection } from '../compileCriteria.ts';
import type { SelectionScope } from '../selectionQueries.ts';
import { loadTenantColumns } from './loadTenantColumns.ts';
import { previewFromColumns, type SelectionPreview } from './previewFromColumns.ts';
import { indexServes } from './servedCriteria.ts';
import { TenantIndex } from './tenantIndex.ts';

export interface PreviewIndexLimits {
  /**
   * Open invoices held in memory over all tenants: 33 bytes each in the columns, and about
   * 730 bytes of JavaScript heap per customer for its facts (measured with 100,000 customers
   * of two attributes): some 110 bytes an invoice at ten invoices a customer.
   */
  maxInvoices: number;
  /** A tenant not previewed for this long is dropped from memory. */
  idleMs: number;
  /** More customers changed than this since the last preview: load the tenant again. */
  maxChangedCustomers: number;
}

const DEFAULT_LIMITS: PreviewIndexLimits = {
  maxInvoices: 3_000_000,
  idleMs: 30 * 60_000,
  maxChangedCustomers: 5_000,
};

/** A tenant too large for the budget is asked again after this long. */
const REFUSED_FOR_MS = 10 * 60_000;

type Entry =
  | { state: 'loading' }
  | { state: 'ready'; index: TenantIndex }
  | { state: 'refused'; until: number };

/**
 * Group previews from memory: each tenant's open invoices in columns (tenantColumns.ts),
 * loaded in the background after its first preview (`warm`), caught up with the ledger before
 * every preview, and dropped when idle. Until a tenant is loaded, and for criteria the index does
 * not evaluate, `preview` answers `null` and the caller asks the SQL (previewSelection).
 */
export class PreviewIndexes {
  private readonly tenants = new Map<string, Entry>();
  private readonly limits: PreviewIndexLimits;
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: { tenantDb: TenantDatabase; logger: Logger },
    limits: Partial<PreviewIndexLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  start(): void {
    this.sweeper = setInterval(() => this.dropIdle(), Math.min(60_000, this.limits.idleMs));
    this.sweeper.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    this.tenants.clear();
  }

  /** The preview from memory, or `null` when the SQL must answer it. */
  async preview(
    tx: TenantTransaction,
    selection: GroupSelection,
    scope: SelectionScope,
    limit: number,
  ): Promise<SelectionPreview | null> {
    if (!indexServes(selection)) return null;
    const index = this.ready(scope.tenantId);
    if (!index) return null;
    if (!(await index.catchUp(tx))) {
      // Dropped: the SQL answers, and `warm` loads the tenant again after it.
      this.deps.logger.info({ tenantId: scope.tenantId }, 'preview index behind; loading again');
      this.tenants.delete(scope.tenantId);
      return null;
    }
    // The SQL compiler's checks, with its errors: a scheme or attribute the catalogue lacks.
    compileSelection(
      selection,
      {
        parts: new QueryParts(),
        today: scope.today,
        catalogue: scope.catalogue,
        currencies: scope.currencies,
      },
      scope.pointer,
    );
    return previewFromColumns(tx, index, selection, scope, limit);
  }

  /**
   * Starts loading the tenant unless it is loaded, loading, or was refused lately. Called once
   * the SQL has answered a preview, so the load does not compete with that first answer.
   */
  warm(tenantId: string): void {
    const entry = this.tenants.get(tenantId);
    if (!entry || (entry.state === 'refused' && entry.until < performance.now())) {
      this.load(tenantId);
    }
  }

  private ready(tenantId: string): TenantIndex | null {
    const entry = this.tenants.get(tenantId);
    return entry?.state === 'ready' ? entry.index : null;
  }

  private load(tenantId: string): void {
    if (this.stopped) return;
    const { logger } = this.deps;
    this.tenants.set(tenantId, { state: 'loading' });
    const started = performance.now();
    const budget = this.limits.maxInvoices;
    loadTenantColumns(this.deps.tenantDb, tenantId, budget)
      .then((loaded) => {
        if (this.stopped || this.tenants.get(tenantId)?.state !== 'loading') return;
        if (!loaded) {
          logger.warn({ tenantId, maxInvoices: budget }, 'preview index refused: too large');
          this.tenants.set(tenantId, {
            state: 'refused',
            until: performance.now() + REFUSED_FOR_MS,
          });
          return;
        }
        const { columns, since } = loaded;
        const index = new TenantIndex(tenantId, columns, since, this.limits.maxChangedCustomers);
        this.tenants.set(tenantId, { state: 'ready', index });
        this.keepWithinBudget(tenantId);
        logger.info(
          {
            tenantId,
            invoices: columns.invoices,
            customers: columns.customers.length,
            bytes: columns.bytes(),
            ms: Math.round(performance.now() - started),
          },
          'preview index loaded',
        );
      })
      .catch((err: unknown) => {
        logger.error({ err, tenantId }, 'preview index load failed');
        if (this.tenants.get(tenantId)?.state === 'loading') this.tenants.delete(tenantId);
      });
  }

  /** Drops the least recently used tenants (never `keep`) while the total is over budget. */
  private keepWithinBudget(keep: string): void {
    const loaded = [...this.tenants]
      .flatMap(([id, e]) => (e.state === 'ready' && id !== keep ? [{ id, index: e.index }] : []))
      .sort((a, b) => a.index.lastUsed - b.index.lastUsed);
    const held = () =>
      [...this.tenants.values()].reduce(
        (sum, e) => sum + (e.state === 'ready' ? e.index.columns.capacity : 0),
        0,
      );
    while (held() > this.limits.maxInvoices && loaded.length > 0) {
      const { id } = loaded.shift()!;
      this.tenants.delete(id);
      this.deps.logger.info({ tenantId: id }, 'preview index dropped: over budget');
    }
  }

  private dropIdle(): void {
    const idleSince = performance.now() - this.limits.idleMs;
    for (const [tenantId, entry] of this.tenants) {
      if (entry.state === 'ready' && entry.index.lastUsed < idleSince) {
        this.tenants.delete(tenantId);
        this.deps.logger.info({ tenantId }, 'preview index dropped: idle');
      }
    }
  }
}
