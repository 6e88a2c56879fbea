-- The dashboard's risk tile kept by the score run: its figures per band and currency (and per band over every currency)
-- as the run's day saw the open invoices, and each customer's part of them per currency, so the tile reads these totals
-- and corrects them for the customers whose invoices changed since (an indexed read by updated_at, invoices_changed)
-- instead of joining every open invoice to its score. Only the org's latest run is kept.
CREATE TABLE score_run_band_snapshots (
  run_id text PRIMARY KEY,
  org_id text NOT NULL,
  as_of date NOT NULL,
  -- the run before whose bands the moves were counted against; the tile falls back to its full query if that changed
  previous_run_id text,
  -- read before the totals: invoices changed after it (less an overlap for late commits) are read again
  taken_at timestamptz NOT NULL
);

CREATE TABLE score_run_band_totals (
  run_id text NOT NULL,
  org_id text NOT NULL,
  band text NOT NULL,
  -- '' = every currency (the band's own row)
  currency text NOT NULL,
  customers integer NOT NULL,
  amount numeric NOT NULL,
  scored numeric NOT NULL,
  -- exact sum of each scored invoice's expected recovery over its balance at the run times its balance (not rounded)
  recovery numeric,
  up integer NOT NULL,
  down integer NOT NULL,
  same integer NOT NULL,
  new integer NOT NULL,
  PRIMARY KEY (run_id, band, currency)
);

CREATE TABLE score_run_customer_balances (
  run_id text NOT NULL,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  amount numeric NOT NULL,
  scored numeric NOT NULL,
  recovery numeric,
  PRIMARY KEY (run_id, customer_id, currency)
);

-- an invoice moved to another customer (an import naming a new one) changes the customer it left too: the move is kept,
-- only when customer_id changes, so the tile reads that customer again
CREATE TABLE invoice_customer_moves (
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  customer_id text NOT NULL,
  moved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_customer_moves_at ON invoice_customer_moves (org_id, moved_at);

CREATE FUNCTION invoice_customer_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO invoice_customer_moves (org_id, invoice_id, customer_id) VALUES (OLD.org_id, OLD.id, OLD.customer_id);
  RETURN NULL;
END $$;
CREATE TRIGGER invoices_customer_moved AFTER UPDATE ON invoices FOR EACH ROW
  WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id) EXECUTE FUNCTION invoice_customer_moved();

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE score_run_band_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON score_run_band_snapshots USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE score_run_band_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON score_run_band_totals USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE score_run_customer_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON score_run_customer_balances USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE invoice_customer_moves ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON invoice_customer_moves USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
