-- Each score run's risk bands, kept beside its scores (the org's two latest finished runs), so the dashboard can say how
-- many customers moved up or down a band since the run before; customer_risk keeps holding the band the tick reads.
-- Filled from customer_risk for the latest run already made, so the first run after this one has bands to compare with.
CREATE TABLE score_run_bands (
  run_id text NOT NULL,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  band text NOT NULL CHECK (band IN ('low', 'medium', 'high')),
  PRIMARY KEY (run_id, customer_id)
);

INSERT INTO score_run_bands (run_id, org_id, customer_id, band)
SELECT run_id, org_id, customer_id, band FROM customer_risk
ON CONFLICT DO NOTHING;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE score_run_bands ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON score_run_bands USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
