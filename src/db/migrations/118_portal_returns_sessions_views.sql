-- The debtor portal: sessions that slide with activity up to an absolute cap, page views in the audit log at most once an
-- hour per link, and the way back from a payment page to the portal the debtor came from.

-- the longest a second factor's session lasts however active the debtor is (session_minutes is now the idle window)
ALTER TABLE portal_settings ADD COLUMN session_max_hours integer NOT NULL DEFAULT 12 CHECK (session_max_hours BETWEEN 1 AND 168);

-- when the link's last `portal.viewed` audit entry was written (at most one an hour)
ALTER TABLE portal_links ADD COLUMN viewed_logged_at timestamptz;

-- One row each time the portal hands out a payment link: the browser keeps a random value in a cookie scoped to that
-- link's return path, and the return finds this row by its hash to land on the portal link that asked for it.
CREATE TABLE payment_link_returns (
  nonce_hash text PRIMARY KEY,
  org_id text NOT NULL,
  payment_link_id text NOT NULL,
  portal_link_id text NOT NULL REFERENCES portal_links(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX payment_link_returns_expiry ON payment_link_returns (expires_at);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE payment_link_returns ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON payment_link_returns USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
