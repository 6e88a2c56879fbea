-- Arrangements with debtors: the org's negotiation limits, promises to pay, instalment plans with their schedule,
-- extensions, prompt-payment discount offers, and disputes with an optional attachment kept in the database.

CREATE TABLE negotiation_limits (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  -- only the settings the org changed; the defaults fill the rest when read
  limits jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE promises (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  kind text NOT NULL DEFAULT 'promise' CHECK (kind IN ('promise', 'extension')),
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  -- the debtor's local date the promise was made on: payments dated from it on count towards it
  made_on date NOT NULL,
  due_date date NOT NULL,
  -- the grace of the limits when it was made: evaluated on the day after due_date + grace_days
  grace_days integer NOT NULL CHECK (grace_days >= 0),
  source text NOT NULL CHECK (source IN ('portal', 'agent', 'collector', 'api')),
  channel text,
  actor text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'kept', 'partly_kept', 'broken', 'replaced')),
  paid bigint,
  replaced_by text,
  created_at timestamptz NOT NULL,
  evaluated_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX promises_customer ON promises (org_id, customer_id, created_at);
-- one pending promise per customer; a new one replaces the old
CREATE UNIQUE INDEX promises_one_pending ON promises (org_id, customer_id) WHERE status = 'pending';
CREATE INDEX promises_due ON promises (org_id, due_date) WHERE status = 'pending';

CREATE TABLE plans (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  -- what the plan's invoices owed when it was made, the interest added to them, and the sum of the schedule
  principal bigint NOT NULL CHECK (principal > 0),
  interest bigint NOT NULL DEFAULT 0 CHECK (interest >= 0),
  total bigint NOT NULL,
  down_payment bigint NOT NULL DEFAULT 0,
  instalment_count integer NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
  interest_bp integer NOT NULL DEFAULT 0,
  start_date date NOT NULL,
  grace_days integer NOT NULL CHECK (grace_days >= 0),
  invoice_ids text[] NOT NULL,
  interest_adjustment_id text,
  source text NOT NULL CHECK (source IN ('portal', 'agent', 'collector', 'api')),
  actor text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
  -- the instalment whose miss broke the plan
  broken_seq integer,
  end_reason text,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX plans_customer ON plans (org_id, customer_id, created_at);
CREATE UNIQUE INDEX plans_one_active ON plans (org_id, customer_id) WHERE status = 'active';

CREATE TABLE plan_instalments (
  plan_id text NOT NULL REFERENCES plans(id),
  org_id text NOT NULL,
  -- 0 is the down payment (when there is one), then 1..n
  seq integer NOT NULL,
  due_date date NOT NULL,
  principal bigint NOT NULL,
  interest bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (plan_id, seq)
);

CREATE TABLE extensions (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  days integer NOT NULL CHECK (days > 0),
  new_due_date date NOT NULL,
  reason text,
  promise_id text NOT NULL REFERENCES promises(id),
  source text NOT NULL,
  actor text NOT NULL,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX extensions_customer ON extensions (org_id, customer_id, created_at);

CREATE TABLE discount_offers (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  invoice_ids text[] NOT NULL,
  currency text NOT NULL,
  basis_points integer NOT NULL CHECK (basis_points > 0),
  balance bigint NOT NULL,
  discount bigint NOT NULL CHECK (discount > 0),
  -- paying this much (payments dated offered_on..pay_by) earns the discount
  pay_amount bigint NOT NULL,
  offered_on date NOT NULL,
  pay_by date NOT NULL,
  grace_days integer NOT NULL,
  source text NOT NULL,
  actor text NOT NULL,
  status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'applied', 'expired')),
  adjustment_ids text[] NOT NULL DEFAULT '{}',
  applied_amount bigint,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX discount_offers_customer ON discount_offers (org_id, customer_id, created_at);
CREATE INDEX discount_offers_open ON discount_offers (org_id) WHERE status = 'offered';

CREATE TABLE disputes (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('not_mine', 'wrong_amount', 'already_paid', 'goods_or_service', 'duplicate', 'other')),
  text text,
  currency text NOT NULL,
  -- what the disputed invoices owed when it was opened (per invoice in dispute_invoices)
  amount bigint NOT NULL,
  invoice_ids text[] NOT NULL,
  source text NOT NULL,
  opened_by text NOT NULL,
  task_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'valid', 'invalid')),
  resolution_note text,
  resolved_by text,
  credit_note_ids text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX disputes_customer ON disputes (org_id, customer_id, created_at);
CREATE INDEX disputes_open ON disputes (org_id, customer_id) WHERE status = 'open';

CREATE TABLE dispute_invoices (
  dispute_id text NOT NULL REFERENCES disputes(id),
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  amount bigint NOT NULL,
  PRIMARY KEY (dispute_id, invoice_id)
);
CREATE INDEX dispute_invoices_invoice ON dispute_invoices (org_id, invoice_id);

CREATE TABLE dispute_attachments (
  dispute_id text PRIMARY KEY REFERENCES disputes(id),
  org_id text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL
);
