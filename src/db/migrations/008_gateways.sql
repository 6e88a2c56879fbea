-- Payment gateways: hosted payment links (Stripe Checkout Sessions, Mercado Pago Checkout Pro preferences), what each
-- provider payment came to in the ledger (captured, refunded, disputed), the nightly re-reads, and retry times for the
-- raw provider events kept in inbox_events (006).

CREATE TABLE payment_links (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  customer_id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('stripe', 'mercadopago')),
  -- creating: stored before the provider call (the key is reused on a retry); failed: the provider answered with an error
  status text NOT NULL CHECK (status IN ('creating', 'open', 'completed', 'expired', 'failed')),
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  invoice_ids text[] NOT NULL,
  -- a hash of provider, customer, invoices, amount and currency: an identical open link is reused
  content_hash text NOT NULL,
  -- derived from the content and how many links with that content came before; sent as Idempotency-Key
  idempotency_key text NOT NULL,
  -- the Checkout Session id (cs_...) or the preference id
  provider_ref text,
  url text,
  source text NOT NULL CHECK (source IN ('api', 'portal', 'message', 'agent', 'collector')),
  actor text NOT NULL,
  return_url text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  payment_id text,
  error text,
  UNIQUE (org_id, idempotency_key),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX payment_links_customer ON payment_links (org_id, customer_id, created_at);
CREATE INDEX payment_links_content ON payment_links (org_id, content_hash, created_at);
CREATE UNIQUE INDEX payment_links_provider_ref ON payment_links (org_id, provider, provider_ref) WHERE provider_ref IS NOT NULL;

-- One row per provider payment (Stripe PaymentIntent, Mercado Pago payment): the figures the provider gave and the
-- ledger payment that holds what is kept of it now (a refund or chargeback reverses it and records the kept part anew).
CREATE TABLE gateway_payments (
  org_id text NOT NULL REFERENCES orgs(id),
  provider text NOT NULL CHECK (provider IN ('stripe', 'mercadopago')),
  payment_ref text NOT NULL,
  link_id text NOT NULL REFERENCES payment_links(id),
  customer_id text NOT NULL,
  currency text NOT NULL,
  captured bigint NOT NULL CHECK (captured > 0),
  refunded bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  -- dispute id -> { amount, status: open | won | lost }
  disputes jsonb NOT NULL DEFAULT '{}',
  -- the ledger payment in force, null when nothing is kept
  payment_id text,
  kept bigint NOT NULL,
  revision integer NOT NULL DEFAULT 0,
  paid_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, provider, payment_ref)
);
CREATE INDEX gateway_payments_link ON gateway_payments (org_id, link_id);

-- The nightly re-read of each provider's recent payments, with what it found.
CREATE TABLE gateway_checks (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  since timestamptz NOT NULL,
  ran_at timestamptz NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('worker', 'api', 'cli')),
  report jsonb NOT NULL
);
CREATE INDEX gateway_checks_org ON gateway_checks (org_id, ran_at);

-- events waiting for their turn (a refund before its payment) or failed, retried by the worker round
ALTER TABLE inbox_events ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX inbox_events_retry ON inbox_events (org_id, next_attempt_at) WHERE status IN ('received', 'failed');
