-- Single sign-on through OpenID Connect: one provider per org. The client secret is sealed under the vault key
-- (AES-256-GCM, the org as associated data) like provider credentials; the rest is shown back to admins.

CREATE TABLE oidc_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  -- shown on the sign-in button: "Sign in with <label>"
  label text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  sealed_secret text NOT NULL,
  key_id text NOT NULL,
  -- the last four characters of the client secret
  secret_hint text NOT NULL,
  -- lower-case email domains allowed to sign in, e.g. ["acme.com"]
  allowed_domains jsonb NOT NULL,
  -- the role of users made on first sign-in when the role claim maps to none (null: such users are refused)
  default_role text CHECK (default_role IN ('admin', 'manager', 'collector', 'viewer')),
  role_claim text,
  -- claim value -> cobro role
  role_map jsonb NOT NULL DEFAULT '{}',
  create_users boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
