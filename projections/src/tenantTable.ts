import { sql } from 'slonik';
import type { TableName } from './projection.ts';

/**
 * Row-level security for a read-model table, as every tenant table has (docs/security.md):
 * readers see their own company's rows only, and may only read.
 */
export const tenantOnly = (t: TableName) => [
  sql.unsafe`ALTER TABLE ${t()} ENABLE ROW LEVEL SECURITY`,
  sql.unsafe`ALTER TABLE ${t()} FORCE ROW LEVEL SECURITY`,
  sql.unsafe`CREATE POLICY tenant_rows ON ${t()} USING (tenant_id = current_tenant_id())`,
  sql.unsafe`GRANT SELECT ON ${t()} TO monity_app`,
];
