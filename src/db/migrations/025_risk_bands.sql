-- Risk bands: each customer's band (low, medium, high) from its latest score run, which segments and step conditions
-- read in the tick, and the org's thresholds for them (absent: the defaults in src/scoring/bands.ts).

CREATE TABLE customer_risk (
  org_id text NOT NULL,
  customer_id text NOT NULL,
  run_id text NOT NULL,
  as_of date NOT NULL,
  probability_late real NOT NULL,
  band text NOT NULL CHECK (band IN ('low', 'medium', 'high')),
  PRIMARY KEY (org_id, customer_id)
);
CREATE INDEX customer_risk_run ON customer_risk (org_id, run_id);

CREATE TABLE risk_band_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  medium_from double precision NOT NULL,
  high_from double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  CHECK (medium_from > 0 AND medium_from <= high_from AND high_from <= 1)
);
