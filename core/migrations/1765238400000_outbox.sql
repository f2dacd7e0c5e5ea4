-- Up Migration

-- Messages waiting to leave, one row per message, written in the transaction of its
-- MessageQueued event (core/src/dispatch/outbox.ts). A dispatcher claims due rows with
-- FOR UPDATE SKIP LOCKED, so several processes share them. `state`:
--   waiting    due at `not_before`; a row claimed for a batch (`claimed_by`, `claimed_until`)
--              but not yet handed over goes back to the pool when its claim expires
--   in_flight  marked, and committed, before its channel is called (`attempt_id` names the
--              attempt); found with its lease expired, it is never sent again but recorded as
--              "outcome unknown" for a person to decide (docs/messages.md, Dispatch)
--   done       `outcome` says how: sent, refused, unknown (waiting for a person) or resolved
CREATE TABLE outbox (
  message_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  not_before timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'in_flight', 'done')),
  outcome text CHECK (outcome IN ('sent', 'refused', 'unknown', 'resolved')),
  attempt_id uuid,
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (not_before) WHERE state = 'waiting';
CREATE INDEX outbox_in_flight ON outbox (claimed_until) WHERE state = 'in_flight';

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON outbox TO monity_app;

-- Down Migration

DROP TABLE outbox;
