-- Payments a debtor says they made ("ya pagué"), read by the agent: while one is open and its hold has not run out, the
-- engine plans no reminder for the invoices it covers. A person confirms it (the payment was found) or rejects it, or the
-- hold runs out and reminders resume. The hold's length in business days is an org setting (5 unless changed).

CREATE TABLE agent_claims (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  case_id text NOT NULL,
  turn_id text NOT NULL,
  -- the verification task on the worklist
  task_id text NOT NULL,
  -- the open undisputed invoices when it was claimed
  invoice_ids text[] NOT NULL,
  -- what the debtor said they paid, when they said it
  amount bigint,
  currency text,
  paid_on date,
  status text NOT NULL CHECK (status IN ('open', 'confirmed', 'rejected', 'expired')),
  -- the debtor's local date from which reminders may resume
  hold_until date NOT NULL,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  resolved_by text,
  note text
);
CREATE UNIQUE INDEX agent_claims_one_open ON agent_claims (org_id, customer_id) WHERE status = 'open';
CREATE INDEX agent_claims_customer ON agent_claims (org_id, customer_id, created_at);

CREATE TABLE agent_claim_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  hold_business_days integer NOT NULL DEFAULT 5 CHECK (hold_business_days >= 0 AND hold_business_days <= 30),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
