-- Messaging through the org's own providers: what each message cost, which failed message a fallback replaces, when the
-- provider last reported on it; provider events normalised beside their raw body; per-account send slots (rate limits);
-- Mailgun webhook tokens bound to the body they came with; the org's message cost rates.

ALTER TABLE messages ADD COLUMN cost_micros bigint;
ALTER TABLE messages ADD COLUMN cost_currency text;
-- the message (same action, another channel) whose block or permanent failure fired this one
ALTER TABLE messages ADD COLUMN fallback_of text;
ALTER TABLE messages ADD COLUMN delivery_at timestamptz;
CREATE INDEX messages_address ON messages (org_id, channel, address, sent_at);

-- the event as cobro read it from the verified raw body (delivery state, reply, keypress), processed by the worker
ALTER TABLE inbox_events ADD COLUMN event jsonb;

-- the next free send slot of a provider account (Twilio account, Meta phone number, SMTP relay): messages per second
CREATE TABLE provider_rate_slots (
  account text PRIMARY KEY,
  next_slot_at timestamptz NOT NULL
);

-- Mailgun signs timestamp + token, not the event: each token is kept with the hash of the body it first came with
CREATE TABLE webhook_tokens (
  provider text NOT NULL,
  token text NOT NULL,
  org_id text NOT NULL,
  body_sha256 text NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (provider, token)
);

CREATE TABLE message_cost_rates (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  -- only what the org changed; the defaults fill the rest when read
  rates jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
