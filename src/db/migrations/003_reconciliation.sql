-- Reconciliation: imported bank statements and their lines (one fingerprint per org), match proposals
-- (line -> invoices with amounts), payer accounts and names learned per customer, and org settings.

CREATE TABLE statements (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  format text NOT NULL,
  bank_statement_id text,
  account text,
  currency text,
  filename text,
  file_sha256 text NOT NULL,
  opening_balance bigint,
  closing_balance bigint,
  line_count integer NOT NULL DEFAULT 0,
  new_lines integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statements_org ON statements (org_id, id);

CREATE TABLE statement_lines (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  statement_id text NOT NULL REFERENCES statements(id),
  position integer NOT NULL,
  fingerprint text NOT NULL,
  account text,
  booking_date date,
  value_date date,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('credit', 'debit')),
  counterparty_name text,
  counterparty_account text,
  remittance_text text,
  structured_reference text,
  end_to_end_id text,
  bank_reference text,
  reversal boolean NOT NULL DEFAULT false,
  transaction_code text,
  -- not_receivable: a debit that is no reversal; reversed: its payment was undone by a later reversal line
  match_state text NOT NULL DEFAULT 'unmatched'
    CHECK (match_state IN ('unmatched', 'review', 'matched', 'not_receivable', 'reversed', 'reversal')),
  payment_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, fingerprint)
);
CREATE INDEX statement_lines_statement ON statement_lines (statement_id, position);
CREATE INDEX statement_lines_e2e ON statement_lines (org_id, end_to_end_id);

CREATE TABLE match_proposals (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  line_id text NOT NULL REFERENCES statement_lines(id),
  customer_id text,
  currency text NOT NULL,
  -- [{ "invoice_id": "inv_...", "amount": 1234 }], minor units
  allocations jsonb NOT NULL DEFAULT '[]',
  fee bigint NOT NULL DEFAULT 0,
  credit bigint NOT NULL DEFAULT 0,
  confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  reasons jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'applied', 'rejected')),
  payment_id text,
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_proposals_org_status ON match_proposals (org_id, status, id);
CREATE INDEX match_proposals_line ON match_proposals (line_id);

-- kind 'account' holds a normalised IBAN or account number; 'name' a normalised payer name
CREATE TABLE payer_aliases (
  org_id text NOT NULL REFERENCES orgs(id),
  kind text NOT NULL CHECK (kind IN ('account', 'name')),
  value text NOT NULL,
  customer_id text NOT NULL,
  matches integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, kind, value, customer_id)
);

CREATE TABLE reconciliation_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  auto_apply_threshold double precision NOT NULL DEFAULT 0.9
    CHECK (auto_apply_threshold >= 0 AND auto_apply_threshold <= 1),
  -- a shortfall counts as a bank fee when at most this share of the invoices (basis points) and this amount
  fee_tolerance_bps integer NOT NULL DEFAULT 200 CHECK (fee_tolerance_bps >= 0),
  fee_tolerance_max bigint NOT NULL DEFAULT 2500 CHECK (fee_tolerance_max >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
