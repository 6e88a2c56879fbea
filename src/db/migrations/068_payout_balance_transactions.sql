-- R-6, payouts checked against what they carry: the balance transactions Stripe lists for a paid payout
-- (GET /v1/balance_transactions?payout=po_...), kept so that a payout's amount can be checked against the net of the
-- charges, refunds and fees it settles, each charge tied to the cobro payment it paid.

-- Fetching a paid payout's transactions: pending (not yet, or asked again), fetched, failed (tried again later, the
-- earlier fetch's rows, if any, kept whole). Payouts kept before this migration are fetched by the next worker round.
ALTER TABLE gateway_payouts ADD COLUMN txn_state text NOT NULL DEFAULT 'pending' CHECK (txn_state IN ('pending', 'fetched', 'failed'));
ALTER TABLE gateway_payouts ADD COLUMN txn_attempts integer NOT NULL DEFAULT 0;
-- null: due at once
ALTER TABLE gateway_payouts ADD COLUMN txn_next_at timestamptz;
ALTER TABLE gateway_payouts ADD COLUMN txn_error text;
ALTER TABLE gateway_payouts ADD COLUMN txn_fetched_at timestamptz;
CREATE INDEX gateway_payouts_txn_due ON gateway_payouts (org_id, txn_state, txn_next_at) WHERE txn_state <> 'fetched';

-- One row per balance transaction of a payout, in cobro's minor units of its currency (Stripe's amount, fee and net
-- converted as the payout's amount is). Written whole per payout: a refetch replaces the payout's rows in one transaction.
CREATE TABLE gateway_payout_transactions (
  org_id text NOT NULL REFERENCES orgs(id),
  gateway text NOT NULL,
  payout_id text NOT NULL,
  -- txn_...
  txn_id text NOT NULL,
  -- charge, payment, refund, adjustment, stripe_fee, payout ... as Stripe names them
  type text NOT NULL,
  reporting_category text,
  amount bigint NOT NULL,
  fee bigint NOT NULL,
  net bigint NOT NULL,
  currency text NOT NULL,
  -- the object that moved the money (ch_..., re_..., dp_..., po_...) and, read from it, the charge and payment intent
  source_id text,
  charge_id text,
  payment_intent text,
  description text,
  created_at timestamptz NOT NULL,
  -- the page order Stripe gave (newest first), so the breakdown reads as Stripe's does
  position integer NOT NULL,
  PRIMARY KEY (org_id, gateway, payout_id, txn_id),
  FOREIGN KEY (org_id, gateway, payout_id) REFERENCES gateway_payouts (org_id, gateway, payout_id)
);
CREATE INDEX gateway_payout_transactions_intent ON gateway_payout_transactions (org_id, gateway, payment_intent);

ALTER TABLE gateway_payout_transactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON gateway_payout_transactions USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
