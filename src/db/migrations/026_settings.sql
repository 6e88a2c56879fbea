-- Workspace settings: the org's own contact policy (only ever tighter than cobro's defaults), the org's own quiet days,
-- and the audit log read by time for the audit search.

CREATE TABLE org_policies (
  org_id text PRIMARY KEY,
  policy jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE org_holidays (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  date date NOT NULL,
  name text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, date)
);

CREATE INDEX audit_log_at ON audit_log (org_id, at);
