-- Provider credentials per org (payment gateways, messaging providers): the non-secret settings in the clear, the
-- secrets encrypted with AES-256-GCM under the vault key (COBRO_SECRET_KEY, or a key made once and kept in `secrets`).

CREATE TABLE provider_credentials (
  org_id text NOT NULL REFERENCES orgs(id),
  provider text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  -- base64url of iv (12 bytes) || tag (16 bytes) || ciphertext, bound to org and provider as associated data
  sealed text NOT NULL,
  key_id text NOT NULL,
  -- the last four characters of each secret field, so a person can tell which key is stored
  hints jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (org_id, provider)
);
