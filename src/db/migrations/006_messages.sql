-- Messages: one row per planned action and channel, from queued through the gate and the provider to its delivery state;
-- the raw inbound events of providers, stored once per provider event id before they are processed; secrets for links.

CREATE TABLE messages (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  action_id text NOT NULL,
  case_id text,
  customer_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'voice')),
  provider text,
  address text,
  template text,
  tone text,
  status text NOT NULL CHECK (status IN ('queued', 'deferred', 'sending', 'sent', 'delivered', 'read', 'failed', 'bounced',
                                         'blocked', 'uncertain', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  reason text,
  provider_message_id text,
  content jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (org_id, action_id, channel)
);
-- the dispatcher reads only this: messages waiting for their instant
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status IN ('queued', 'deferred');
CREATE INDEX messages_customer ON messages (org_id, customer_id, created_at);
CREATE INDEX messages_provider_id ON messages (provider, provider_message_id);

CREATE TABLE inbox_events (
  id text PRIMARY KEY,
  org_id text,
  provider text NOT NULL,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'processed', 'failed')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  UNIQUE (provider, event_id)
);

CREATE TABLE secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
