-- The org's SMS setting: whether an SMS may go with its accents folded into GSM-7 when that takes fewer segments than
-- UCS-2 ('auto', cobro's default) or always keeps them ('never'). No row: 'auto'.
CREATE TABLE sms_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  sms_fold text NOT NULL CHECK (sms_fold IN ('auto', 'never')),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE sms_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON sms_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
