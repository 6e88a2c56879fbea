-- Each org says whether cobro confirms to the debtor, in writing, the promises, extensions and plans its staff record for
-- them (after a call, through the API or the CLI); on unless the org turns it off, and each request may say otherwise.
CREATE TABLE confirmation_settings (
  org_id text PRIMARY KEY,
  staff_arrangements boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE confirmation_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON confirmation_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
