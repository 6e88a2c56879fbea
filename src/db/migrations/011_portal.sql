-- The debtor portal: each org's portal settings (second factor, link and session lifetimes, attempt limits), the signed
-- links messages carry (one row per link so it can be revoked), the sessions a second factor opens, and its attempts.

CREATE TABLE portal_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  -- what the debtor must type before seeing anything: nothing, the last 4 characters of their tax id, or their postcode
  second_factor text NOT NULL DEFAULT 'none' CHECK (second_factor IN ('none', 'tax_id_last4', 'postcode')),
  link_days integer NOT NULL DEFAULT 30 CHECK (link_days BETWEEN 1 AND 365),
  session_minutes integer NOT NULL DEFAULT 60 CHECK (session_minutes BETWEEN 5 AND 1440),
  factor_max_failures integer NOT NULL DEFAULT 5 CHECK (factor_max_failures BETWEEN 1 AND 50),
  factor_lock_minutes integer NOT NULL DEFAULT 15 CHECK (factor_lock_minutes BETWEEN 1 AND 10080),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE portal_links (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  -- the random first half of the token; the second half is an HMAC over (nonce, org, customer, expiry)
  nonce text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('message', 'staff', 'cli', 'api')),
  actor text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  last_opened_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX portal_links_customer ON portal_links (org_id, customer_id, expires_at);

CREATE TABLE portal_sessions (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  link_id text NOT NULL REFERENCES portal_links(id),
  -- sha256 of the cookie's random token: the token itself is never stored
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX portal_sessions_customer ON portal_sessions (org_id, customer_id, expires_at);

CREATE TABLE portal_factor_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id text NOT NULL,
  customer_id text NOT NULL,
  link_id text NOT NULL,
  at timestamptz NOT NULL,
  succeeded boolean NOT NULL
);
CREATE INDEX portal_factor_attempts_customer ON portal_factor_attempts (org_id, customer_id, at);
