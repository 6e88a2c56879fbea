-- The receivables ledger: orgs, API keys, customers, invoices, payments, allocations, adjustments,
-- imports, idempotency keys and the append-only audit log. Money is bigint minor units.

CREATE TABLE orgs (
  id text PRIMARY KEY,
  name text NOT NULL,
  country text,
  default_currency text NOT NULL DEFAULT 'USD',
  default_language text NOT NULL DEFAULT 'en',
  default_timezone text NOT NULL DEFAULT 'UTC',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'collector', 'viewer')),
  prefix text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  external_id text NOT NULL,
  name text NOT NULL,
  email text,
  phone text,
  whatsapp text,
  country text,
  region text,
  timezone text,
  language text,
  preferred_channel text,
  tags text[] NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, external_id),
  UNIQUE (org_id, id)
);

-- One composite key ties an invoice to a customer of the same org (one check per row on bulk imports, not two).
CREATE TABLE invoices (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  number text NOT NULL,
  external_id text,
  currency text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  balance bigint NOT NULL,
  issue_date date NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'partially_paid', 'paid', 'disputed', 'written_off', 'cancelled')),
  disputed boolean NOT NULL DEFAULT false,
  cancelled boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, number),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX invoices_customer ON invoices (customer_id);
CREATE INDEX invoices_org_due ON invoices (org_id, due_date);

CREATE TABLE payments (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  customer_id text NOT NULL REFERENCES customers(id),
  external_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  date date NOT NULL,
  method text,
  reference text,
  source text NOT NULL DEFAULT 'api',
  unapplied bigint NOT NULL DEFAULT 0,
  reversed_at timestamptz,
  reversal_reason text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, external_id)
);
CREATE INDEX payments_customer ON payments (customer_id);

CREATE TABLE allocations (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  payment_id text NOT NULL REFERENCES payments(id),
  invoice_id text NOT NULL REFERENCES invoices(id),
  amount bigint NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  reversed_at timestamptz
);
CREATE INDEX allocations_invoice ON allocations (invoice_id);
CREATE INDEX allocations_payment ON allocations (payment_id);

CREATE TABLE adjustments (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  invoice_id text NOT NULL REFERENCES invoices(id),
  kind text NOT NULL CHECK (kind IN ('late_fee', 'interest', 'discount', 'write_off', 'credit_note')),
  -- signed effect on the balance: fees and interest add, the others subtract
  amount bigint NOT NULL,
  currency text NOT NULL,
  date date NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  reversed_at timestamptz
);
CREATE INDEX adjustments_invoice ON adjustments (invoice_id);

CREATE TABLE imports (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  kind text NOT NULL,
  filename text,
  status text NOT NULL,
  rows integer NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX imports_org ON imports (org_id, created_at);

CREATE TABLE idempotency_keys (
  org_id text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);

-- The audit log is a hash chain per org: each entry holds the previous entry's hash, so an edited or deleted row shows.
CREATE TABLE audit_log (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (org_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity, entity_id);

-- the head of each org's chain: updating it serialises writers, so no two entries take the same place
CREATE TABLE audit_heads (
  org_id text PRIMARY KEY,
  seq bigint NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
