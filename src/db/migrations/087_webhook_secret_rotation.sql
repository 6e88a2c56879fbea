-- Webhook secret rotation (COMPLIANCE WH-5): while an org changes a provider's webhook signing secret, the secret it
-- replaced stays accepted until retired or until it expires. The secret in force lives in provider_credentials (007);
-- a row here with role 'current' only counts its use (no secret, its last four characters as hint: a secret replaced
-- through PUT /v1/providers starts a new count); a row with role 'previous' holds the replaced secret, sealed under the
-- vault key as the credentials are, until it is retired (then emptied). Which secret verified each accepted delivery is
-- counted on its row, so the operator sees when the old one stops being used.
CREATE TABLE webhook_secrets (
  org_id text NOT NULL REFERENCES orgs(id),
  id text NOT NULL,
  provider text NOT NULL,
  role text NOT NULL CHECK (role IN ('current', 'previous')),
  -- base64url of iv || tag || ciphertext, bound to org, provider and id; null for the current secret and once retired
  sealed text,
  key_id text,
  hint text NOT NULL,
  added_at timestamptz NOT NULL,
  added_by text NOT NULL,
  expires_at timestamptz,
  retired_at timestamptz,
  retired_by text,
  last_verified_at timestamptz,
  verified_count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, id),
  CHECK (role = 'current' OR sealed IS NOT NULL OR retired_at IS NOT NULL)
);
CREATE UNIQUE INDEX webhook_secrets_current ON webhook_secrets (org_id, provider) WHERE role = 'current';
CREATE INDEX webhook_secrets_previous ON webhook_secrets (org_id, provider) WHERE role = 'previous' AND retired_at IS NULL;

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE webhook_secrets ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON webhook_secrets USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
