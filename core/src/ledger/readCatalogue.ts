import type { TenantTransaction } from '../database/tenantDatabase.ts';
import {
  CATALOGUE_STREAM,
  DEFAULT_AGING_SCHEME,
  emptyCatalogue,
  evolveCatalogue,
  type Catalogue,
} from './catalogue.ts';

/**
 * The tenant's catalogue folded from its stream, within a tenant transaction. It is a few
 * dozen events at most, so it is read whole rather than kept in a read model; the default
 * aging scheme is always in it.
 */
export async function readCatalogue(tx: TenantTransaction, tenantId: string): Promise<Catalogue> {
  const { rows } = await tx.query<{ type: string; data: Record<string, unknown> }>(
    `SELECT type, data FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`,
    [tenantId, CATALOGUE_STREAM],
  );
  const catalogue = emptyCatalogue();
  for (const row of rows) evolveCatalogue(catalogue, row.type, row.data);
  return withDefaultScheme(catalogue);
}

export function withDefaultScheme(catalogue: Catalogue): Catalogue {
  if (!catalogue.schemes.has(DEFAULT_AGING_SCHEME.schemeId)) {
    catalogue.schemes = new Map([
      [DEFAULT_AGING_SCHEME.schemeId, DEFAULT_AGING_SCHEME],
      ...catalogue.schemes,
    ]);
  }
  return catalogue;
}
