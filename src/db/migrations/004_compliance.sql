-- Contact law at run time: consents, suppressions (opt-outs), the contact history the caps count, and every gate decision.

-- what the gate needs to know of a debtor beyond the ledger's customer record
CREATE TABLE contact_profiles (
  org_id text NOT NULL,
  customer_id text NOT NULL,
  debtor_type text NOT NULL DEFAULT 'consumer' CHECK (debtor_type IN ('consumer', 'business')),
  cease_requested_at timestamptz,
  lawful_basis text,
  inconvenient_times jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, customer_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);

CREATE TABLE consents (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('channel', 'automated_calls', 'whatsapp_opt_in', 'employer_email')),
  channel text,
  address text,
  source text NOT NULL,
  granted_at timestamptz NOT NULL,
  revoked_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX consents_customer ON consents (org_id, customer_id);

CREATE TABLE suppressions (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('all', 'channel', 'address')),
  channel text,
  address text,
  reason text NOT NULL,
  source text NOT NULL,
  at timestamptz NOT NULL,
  lifted_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX suppressions_customer ON suppressions (org_id, customer_id);

CREATE TABLE contact_events (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  at timestamptz NOT NULL,
  channel text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  outcome text NOT NULL CHECK (outcome IN ('failed', 'unanswered', 'delivered', 'conversation')),
  address text,
  debt_id text,
  prior_consent boolean NOT NULL DEFAULT false,
  solicited boolean NOT NULL DEFAULT false
);
CREATE INDEX contact_events_customer ON contact_events (org_id, customer_id, at);

CREATE TABLE gate_decisions (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  action_id text,
  channel text NOT NULL,
  address text,
  decision text NOT NULL CHECK (decision IN ('allow', 'defer', 'block')),
  reason_code text,
  rule text,
  message text,
  defer_until timestamptz,
  packs text[] NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX gate_decisions_customer ON gate_decisions (org_id, customer_id, at);
