-- The org's logo, shown on the debtor's statement (PDF and HTML) heading: one PNG or JPEG per org, checked on upload
-- (its bytes match its type, it decodes whole, at most 512 KB and 4096 pixels a side), kept with its pixel size.
CREATE TABLE org_logos (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  size integer NOT NULL,
  sha256 text NOT NULL,
  data bytea NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE org_logos ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON org_logos USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
