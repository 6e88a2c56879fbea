-- Cash forecasts kept with their as-of date (to compare with what came in), and champion/challenger experiments
-- between two versions of one strategy (customers are assigned by a hash, so no assignment rows are stored).

CREATE TABLE forecasts (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  as_of date NOT NULL,
  created_at timestamptz NOT NULL,
  -- 'scores', 'heuristic' (no score run) or 'mixed' (some open invoices had no score)
  method text NOT NULL CHECK (method IN ('scores', 'heuristic', 'mixed')),
  kept_rate real NOT NULL,
  result jsonb NOT NULL
);
CREATE INDEX forecasts_org ON forecasts (org_id, as_of, created_at);

CREATE TABLE experiments (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  strategy_id text NOT NULL,
  champion_version integer NOT NULL,
  challenger_version integer NOT NULL CHECK (challenger_version <> champion_version),
  -- the share of customers planned with the challenger
  share real NOT NULL CHECK (share > 0 AND share < 1),
  min_per_arm integer NOT NULL DEFAULT 30 CHECK (min_per_arm >= 2),
  started_on date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
  created_at timestamptz NOT NULL,
  stopped_at timestamptz
);
-- one running experiment per strategy: a customer is in at most one arm of it
CREATE UNIQUE INDEX experiments_running ON experiments (org_id, strategy_id) WHERE status = 'running';
