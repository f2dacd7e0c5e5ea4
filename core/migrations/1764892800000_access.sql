-- Up Migration

-- Tenants, users and access. Requests run as the role monity_app: neither superuser nor
-- BYPASSRLS nor owner of any table, so row-level security holds for every query they make.
-- Each transaction names its tenant (and user) with set_config(..., true); unset, the
-- policies match nothing. See docs/security.md.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'monity_app') THEN
    CREATE ROLE monity_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO monity_app;

CREATE FUNCTION current_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('monity.tenant_id', true), '')::uuid
$$;

CREATE FUNCTION current_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('monity.user_id', true), '')::uuid
$$;

-- The creditor companies.
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  tax_id text NOT NULL,
  address jsonb NOT NULL DEFAULT '{}',
  bank_accounts jsonb NOT NULL DEFAULT '[]',
  default_currency char(3) NOT NULL DEFAULT 'PLN',
  language text NOT NULL DEFAULT 'pl' CHECK (language IN ('pl', 'en')),
  time_zone text NOT NULL DEFAULT 'Europe/Warsaw',
  created_at timestamptz NOT NULL
);

-- People; one person may work for several tenants. Passwords are argon2id hashes, kept here
-- and never in the event log.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  last_login_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  tenant_id uuid NOT NULL REFERENCES tenants,
  user_id uuid NOT NULL REFERENCES users,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES users,
  invited_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  cancelled_at timestamptz
);
CREATE INDEX invitations_by_tenant ON invitations (tenant_id, invited_at);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'collector', 'viewer')),
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES users,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);

-- Browser sessions, by the SHA-256 of their cookie value; a person's, not a tenant's.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  current_tenant_id uuid NOT NULL REFERENCES tenants,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Failed logins per key (e-mail, address), read and written by rate-limiter-flexible.
CREATE TABLE login_throttle (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Messages the sandbox channel kept instead of sending. Those of no tenant (password resets)
-- are shown on the public sandbox mailbox.
CREATE TABLE sandbox_messages (
  id uuid PRIMARY KEY,
  tenant_id uuid REFERENCES tenants,
  channel text NOT NULL,
  recipient text NOT NULL,
  subject text,
  text text NOT NULL,
  html text,
  created_at timestamptz NOT NULL
);
CREATE INDEX sandbox_messages_by_tenant ON sandbox_messages (tenant_id, created_at DESC);

-- Row-level security, enabled and forced on every table a tenant owns.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_itself ON tenants
  USING (id = current_tenant_id())
  WITH CHECK (id = current_tenant_id());
CREATE POLICY tenants_of_user ON tenants FOR SELECT
  USING (id IN (SELECT m.tenant_id FROM memberships m WHERE m.user_id = current_user_id()));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON memberships
  USING (tenant_id = current_tenant_id())
  WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY own_memberships ON memberships FOR SELECT
  USING (user_id = current_user_id());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON invitations
  USING (tenant_id = current_tenant_id())
  WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON api_keys
  USING (tenant_id = current_tenant_id())
  WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE sandbox_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE sandbox_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON sandbox_messages
  USING (tenant_id = current_tenant_id())
  WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON events FOR SELECT USING (tenant_id = current_tenant_id());
CREATE POLICY tenant_appends ON events FOR INSERT WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON tenants, memberships, invitations, api_keys TO monity_app;
GRANT SELECT, INSERT, UPDATE ON users, password_resets TO monity_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO monity_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO monity_app;
GRANT SELECT, INSERT ON sandbox_messages, events TO monity_app;
GRANT USAGE ON SEQUENCE events_position_seq TO monity_app;

-- Lookups that must find a row before its tenant is known. Each answers one row by a secret
-- (a token's hash), runs as the owner, and reveals nothing else.
CREATE FUNCTION session_principal(hash text, at timestamptz, idle interval)
RETURNS TABLE (user_id uuid, email text, user_name text, tenant_id uuid, role text,
  csrf_token text, last_seen_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.user_id, u.email, u.name, s.current_tenant_id, m.role, s.csrf_token, s.last_seen_at
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  JOIN memberships m ON m.tenant_id = s.current_tenant_id AND m.user_id = s.user_id
  WHERE s.id_hash = hash AND s.expires_at > at AND s.last_seen_at > at - idle
    AND m.status = 'active'
$$;

CREATE FUNCTION api_key_by_hash(hash text)
RETURNS TABLE (id uuid, tenant_id uuid, name text, role text, last_used_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.id, k.tenant_id, k.name, k.role, k.last_used_at FROM api_keys k
  WHERE k.key_hash = hash AND k.revoked_at IS NULL
$$;

CREATE FUNCTION invitation_by_token(hash text)
RETURNS TABLE (id uuid, tenant_id uuid, tenant_name text, email text, role text,
  expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.id, i.tenant_id, t.name, i.email, i.role, i.expires_at
  FROM invitations i JOIN tenants t ON t.id = i.tenant_id
  WHERE i.token_hash = hash AND i.accepted_at IS NULL AND i.cancelled_at IS NULL
$$;

CREATE FUNCTION sandbox_messages_without_tenant(max_count integer)
RETURNS SETOF sandbox_messages
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM sandbox_messages WHERE tenant_id IS NULL
  ORDER BY created_at DESC LIMIT max_count
$$;

REVOKE ALL ON FUNCTION session_principal(text, timestamptz, interval), api_key_by_hash(text),
  invitation_by_token(text), sandbox_messages_without_tenant(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_principal(text, timestamptz, interval), api_key_by_hash(text),
  invitation_by_token(text), sandbox_messages_without_tenant(integer) TO monity_app;

-- Down Migration

DROP FUNCTION sandbox_messages_without_tenant(integer);
DROP FUNCTION invitation_by_token(text);
DROP FUNCTION api_key_by_hash(text);
DROP FUNCTION session_principal(text, timestamptz, interval);
DROP POLICY tenant_appends ON events;
DROP POLICY tenant_rows ON events;
ALTER TABLE events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE events DISABLE ROW LEVEL SECURITY;
DROP TABLE sandbox_messages, login_throttle, password_resets, sessions, api_keys, invitations,
  memberships, users, tenants;
DROP FUNCTION current_user_id();
DROP FUNCTION current_tenant_id();
