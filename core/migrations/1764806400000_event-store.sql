-- Up Migration

-- The event store. Global order is (transaction_id, position): readers only read below the
-- oldest transaction still running, so an event committed late by a concurrent transaction
-- can never land behind a position a reader has already passed. See docs/event-store.md.
-- Payloads are json, not jsonb: the log is written and replayed whole, never searched inside
-- (read models are), and json is stored and returned as written, with no conversion either way.
CREATE TABLE events (
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  position bigint GENERATED ALWAYS AS IDENTITY,
  id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_version integer NOT NULL CHECK (stream_version > 0),
  type text NOT NULL,
  schema_version smallint NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (transaction_id, position),
  CONSTRAINT events_id_key UNIQUE (id),
  CONSTRAINT events_stream_version_key UNIQUE (tenant_id, stream_id, stream_version)
);

-- Events are facts: once written they are never changed. Erasure of personal data is done by
-- crypto-shredding keys held elsewhere, not by editing history.
CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_immutable();

-- Where each projection stands in the global order. One row per slot: the live read model,
-- and a rebuild in progress beside it.
CREATE TABLE projection_checkpoints (
  projection text NOT NULL,
  slot text NOT NULL CHECK (slot IN ('live', 'rebuild')),
  version integer NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT '0',
  position bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, slot)
);

-- Down Migration

DROP TABLE projection_checkpoints;
DROP TABLE events;
DROP FUNCTION events_are_immutable();
