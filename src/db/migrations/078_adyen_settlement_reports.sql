-- R-6, Adyen payouts: Adyen's Settlement details report (one CSV per merchant account's batch, or several batches) is
-- uploaded (API POST /v1/reconciliation/adyen/settlement-reports, CLI `cobro reconcile adyen-settlement`). Each batch's
-- MerchantPayout is kept in gateway_payouts (gateway 'adyen', payout_id '<merchant account>:<batch number>') and what the
-- batch carried in gateway_payout_transactions, checked as Stripe's and Mercado Pago's payouts are. One row per file
-- read: the same file (by its SHA-256) uploaded again adds nothing.
CREATE TABLE adyen_settlement_reports (
  org_id text NOT NULL REFERENCES orgs(id),
  id text NOT NULL,
  filename text,
  sha256 text NOT NULL,
  -- rows read, payouts (batches paid out) stored, their transactions, and batches without a MerchantPayout row
  rows integer NOT NULL,
  payouts integer NOT NULL,
  transactions integer NOT NULL,
  open_batches integer NOT NULL,
  -- the payout ids stored from it
  payout_ids jsonb NOT NULL DEFAULT '[]',
  -- api:<user or key>, cli
  actor text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, sha256)
);

ALTER TABLE adyen_settlement_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON adyen_settlement_reports USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
