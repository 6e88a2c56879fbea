-- The risk tile's kept totals (migration 123) per invoice: each open invoice's balance at the end of the run's day and
-- its score in the run (balance, expected recovery), so an invoice changed since corrects its own customer's kept row by
-- its own difference (one row read per changed invoice, none of the scores) instead of the customer's invoices being
-- read again with their scores. Scored invoices not open on the run's day are kept too (amount 0), for their score.
CREATE TABLE score_run_invoice_balances (
  run_id text NOT NULL,
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  -- the balance the tile counted on the run's day; 0 when it counted none
  amount bigint NOT NULL,
  -- the run's score of the invoice (its balance above zero); both null when unscored
  scored_balance bigint,
  expected_recovery bigint,
  PRIMARY KEY (run_id, invoice_id)
);

-- the open invoices kept (the limit past which the tile reads the full statement); null: a run kept before this
-- migration, without its invoices, read whole until the next run
ALTER TABLE score_run_band_snapshots ADD COLUMN invoices integer;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE score_run_invoice_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON score_run_invoice_balances USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));

-- each kept customer's band in the run and in the run before, so the correction reads no bands for customers it kept
ALTER TABLE score_run_customer_balances ADD COLUMN band text;
ALTER TABLE score_run_customer_balances ADD COLUMN before text;
