-- Up Migration

-- The dashboard's headline figures per tenant and day, kept by the daily snapshot job and
-- backfilled from the ledger's history, so a trend of a year is a year of rows. Amounts are
-- PLN grosze at the rates of that day; `currencies` holds each currency unconverted.
CREATE TABLE kpi_snapshots (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  receivables bigint NOT NULL,
  overdue bigint NOT NULL,
  currencies jsonb NOT NULL,
  missing_rates text[] NOT NULL,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, day)
);

ALTER TABLE kpi_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpi_snapshots FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON kpi_snapshots
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON kpi_snapshots TO monity_app;

-- Down Migration

DROP TABLE kpi_snapshots;
