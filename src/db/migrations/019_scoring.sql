-- Risk scores: model versions kept with their evaluation (one active per org), scoring runs, and the scores of the
-- latest runs (probability of paying late, expected days late, expected recovery, reasons in plain words).

CREATE TABLE score_models (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gbt', 'logistic', 'scorecard')),
  -- trained on what was known before this day
  trained_as_of date NOT NULL,
  trained_at timestamptz NOT NULL,
  model jsonb NOT NULL,
  evaluation jsonb NOT NULL,
  active boolean NOT NULL DEFAULT false,
  UNIQUE (org_id, version)
);
CREATE UNIQUE INDEX score_models_active ON score_models (org_id) WHERE active;

CREATE TABLE score_runs (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  model_id text NOT NULL REFERENCES score_models(id),
  as_of date NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  invoices integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX score_runs_org ON score_runs (org_id, started_at);

-- written with COPY, so no foreign keys; only the org's two latest runs are kept
CREATE TABLE scores (
  run_id text NOT NULL,
  org_id text NOT NULL,
  invoice_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  balance bigint NOT NULL,
  probability_late real NOT NULL,
  expected_days_late real NOT NULL,
  expected_recovery bigint NOT NULL,
  reasons jsonb NOT NULL,
  PRIMARY KEY (run_id, invoice_id)
);
CREATE INDEX scores_customer ON scores (org_id, customer_id, run_id);
