-- The worklist's priority settings per org: lift factors and collector minutes per action, a collector's minute cost
-- per currency. Only what the org changed is stored; the defaults in src/tasks/value.ts fill the rest when read.

CREATE TABLE priority_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
