-- Up Migration

-- The receivables ledger's write side beside its events (see docs/ledger.md).

-- Trigram search over customer names, tax ids and invoice numbers in the read models.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Source-system ids that must stay unique in a tenant, and the customer account holding each:
-- an invoice number imported under two customers is refused, not recorded twice.
CREATE TABLE ledger_keys (
  tenant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'payment', 'note')),
  source_id text NOT NULL,
  customer_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, kind, source_id)
);

-- The first answer to each Idempotency-Key, so a retried request gets it again.
CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);

-- Imports that run in the background: a file with its column mapping, or records sent by API.
-- processed_rows moves in the same transaction as each batch's events, so a job resumed after
-- a crash starts exactly after the last batch that landed.
CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('file', 'records')),
  file_name text NOT NULL,
  importer text,
  mapping jsonb,
  status text NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  processed_rows integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  size_bytes bigint NOT NULL,
  read_bytes bigint NOT NULL DEFAULT 0,
  details jsonb NOT NULL DEFAULT '{}',
  error text,
  actor jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  lease_until timestamptz
);
CREATE INDEX import_jobs_by_tenant ON import_jobs (tenant_id, created_at DESC);
CREATE INDEX import_jobs_waiting ON import_jobs (lease_until) WHERE status IN ('queued', 'running');

-- Every refused row of a job, with its line in the file and each reason.
CREATE TABLE import_job_errors (
  job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL,
  line integer NOT NULL,
  seq integer NOT NULL,
  record text NOT NULL,
  field text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (job_id, line, seq)
);

-- Column mappings saved under a name, to import the next file of the same shape in one step.
CREATE TABLE import_presets (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  name text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (tenant_id, name)
);

ALTER TABLE ledger_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON ledger_keys
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON idempotency_keys
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON import_jobs
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE import_job_errors ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_job_errors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON import_job_errors
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE import_presets ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_presets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON import_presets
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT ON ledger_keys TO monity_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO monity_app;
GRANT SELECT, INSERT, UPDATE ON import_jobs TO monity_app;
GRANT SELECT ON import_job_errors TO monity_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON import_presets TO monity_app;

-- Down Migration

DROP TABLE import_presets, import_job_errors, import_jobs, idempotency_keys, ledger_keys;
DROP EXTENSION IF EXISTS pg_trgm;
