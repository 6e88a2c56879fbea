-- R-6: a credit line that is a payment gateway's payout (card payments already recorded through the gateway's webhooks,
-- settled as one bank transfer net of fees) is settled as a payout: match_state 'payout', never matched to an invoice nor
-- queued for review. statement_line_payouts says which gateway and payout, and keeps a person's undo so the line is not
-- recognised again.
ALTER TABLE statement_lines DROP CONSTRAINT statement_lines_match_state_check;
ALTER TABLE statement_lines ADD CONSTRAINT statement_lines_match_state_check
  CHECK (match_state IN ('unmatched', 'review', 'matched', 'not_receivable', 'reversed', 'reversal', 'duplicate', 'payout'));

CREATE TABLE statement_line_payouts (
  org_id text NOT NULL REFERENCES orgs(id),
  line_id text NOT NULL REFERENCES statement_lines(id),
  gateway text NOT NULL,
  payout_id text,
  -- why the line was taken for a payout (the name, the wording, the payout id), as shown to the user
  reasons jsonb NOT NULL DEFAULT '[]',
  -- payout: the line is settled as the gateway's payout; undone: a person said it is not one, and it is matched as before
  status text NOT NULL CHECK (status IN ('payout', 'undone')),
  -- null when cobro recognised it; the person who marked or undid it otherwise
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, line_id)
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE statement_line_payouts ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON statement_line_payouts USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));

-- The payouts a gateway reported (Stripe payout.paid): a credit of the same amount and currency arriving within days of
-- arrival_date is that payout, even when the bank's text names no gateway.
CREATE TABLE gateway_payouts (
  org_id text NOT NULL REFERENCES orgs(id),
  gateway text NOT NULL,
  payout_id text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  arrival_date date NOT NULL,
  statement_descriptor text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, gateway, payout_id)
);
CREATE INDEX gateway_payouts_amount ON gateway_payouts (org_id, currency, amount, arrival_date);

ALTER TABLE gateway_payouts ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON gateway_payouts USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
