-- The forecast's org settings and what it learns (src/forecast/schedule.ts, heuristic.ts):
-- how often the worker stores a forecast by itself ('weekly' unless an org changes it; 'daily' or 'off'), the unscored
-- heuristic learned from the org's own history (the worker learns it again each day), and the period a scheduled
-- forecast was stored for: one per org and period, so two workers storing at once keep one.
CREATE TABLE forecast_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  schedule text NOT NULL DEFAULT 'weekly' CHECK (schedule IN ('off', 'daily', 'weekly')),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE forecast_heuristics (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  -- the day it was learned as of (the history read ends there)
  as_of date NOT NULL,
  learned_at timestamptz NOT NULL,
  -- per days-overdue bucket: the share paid within the horizon, and how much history it rests on
  buckets jsonb NOT NULL
);

ALTER TABLE forecasts ADD COLUMN period text;
CREATE UNIQUE INDEX forecasts_period ON forecasts (org_id, period) WHERE period IS NOT NULL;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE forecast_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON forecast_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
ALTER TABLE forecast_heuristics ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON forecast_heuristics USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
