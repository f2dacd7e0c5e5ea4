-- Up Migration

-- A company's accounts with its providers (an SMTP server, a Mailgun domain, a Plivo number):
-- the settings each channel plugin describes, secrets sealed with the server's key
-- (core/src/channels/secretBox.ts) as {"sealed": "v1:..."}. `default_for` names the media
-- the account carries when a message names no account.
CREATE TABLE channel_accounts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  channel text NOT NULL,
  name text NOT NULL,
  default_for text[] NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (tenant_id, name)
);

-- Where each sent message is found from a provider's callback: by Monity's id or the
-- provider's, across companies (a callback names no company). Written with the message's
-- MessageSent event, in its transaction.
CREATE TABLE message_index (
  message_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  channel text NOT NULL,
  provider_message_id text
);
CREATE UNIQUE INDEX message_index_by_provider ON message_index (channel, provider_message_id)
  WHERE provider_message_id IS NOT NULL;

-- One-time tokens of providers' callbacks seen lately (Mailgun's token, Plivo's nonce): a
-- callback carrying one again is a replay.
CREATE TABLE callback_tokens (
  channel text NOT NULL,
  token text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (channel, token)
);

ALTER TABLE channel_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE channel_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON channel_accounts
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE message_index ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_index FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON message_index
  USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON channel_accounts TO monity_app;
GRANT SELECT, INSERT, UPDATE ON message_index TO monity_app;

-- Down Migration

DROP TABLE callback_tokens, message_index, channel_accounts;
