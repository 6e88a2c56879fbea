-- The org's settings for calls the debtor makes to its number: how many wrong one-time codes void a call's code and how
-- many minutes a code may be typed after it is sent (key 3), and how many seconds the person's phone rings when a caller
-- is put through (the <Dial>'s timeout). No row: cobro's defaults (3 attempts, 10 minutes, 20 seconds).
CREATE TABLE call_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  code_attempts integer NOT NULL CHECK (code_attempts BETWEEN 1 AND 10),
  code_minutes integer NOT NULL CHECK (code_minutes BETWEEN 2 AND 60),
  ring_seconds integer NOT NULL CHECK (ring_seconds BETWEEN 5 AND 120),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE call_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON call_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
