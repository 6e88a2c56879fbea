-- Event webhooks for integrators: the events outbox (written in the same statement or transaction as the fact it
-- reports), the org's subscribed endpoints (signing secret sealed), one delivery per event and endpoint (and per
-- replay) with its retry schedule, and every attempt with its outcome. Also when the dispatcher handed a message to
-- its provider, so a crash before that point requeues the message instead of marking it uncertain.

CREATE TABLE events (
  id text PRIMARY KEY,
  -- the order events were written in: lists and cursors follow it
  seq bigint GENERATED ALWAYS AS IDENTITY,
  org_id text NOT NULL,
  type text NOT NULL,
  -- the object the event is about (pay_..., prm_..., msg_...) and its customer, for filters
  subject text,
  customer_id text,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX events_seq ON events (org_id, seq);
CREATE INDEX events_type ON events (org_id, type, seq);

CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  url text NOT NULL,
  description text,
  -- event types, or '*' for all of them
  event_types text[] NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- the signing secret sealed under the vault key (shown once, when made); its last four characters for display
  secret_sealed text NOT NULL,
  secret_hint text NOT NULL,
  key_id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (org_id) WHERE enabled;

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  event_id text NOT NULL REFERENCES events (id),
  endpoint_id text NOT NULL,
  -- a replay asked for by a person (API or CLI) rather than the first delivery
  replay boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_response_code integer,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- the worker reads only this
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  url text NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  response_code integer,
  duration_ms integer NOT NULL,
  error text,
  UNIQUE (delivery_id, attempt)
);

ALTER TABLE messages ADD COLUMN handed_at timestamptz;
