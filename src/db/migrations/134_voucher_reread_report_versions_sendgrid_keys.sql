-- Three gaps of the payments and channels: (1) a Stripe voucher whose PaymentIntent could not be read when its hold opened
-- (an outage) is read again by the worker until read or ended: `expiry_unread` says why it was not read (null once read
-- or when there was nothing to read), `expiry_reads` the reads tried since, `expiry_read_at` when the next is due.
ALTER TABLE agent_claims ADD COLUMN expiry_unread text;
ALTER TABLE agent_claims ADD COLUMN expiry_reads integer NOT NULL DEFAULT 0;
ALTER TABLE agent_claims ADD COLUMN expiry_read_at timestamptz;
CREATE INDEX agent_claims_expiry_unread ON agent_claims (org_id, expiry_read_at) WHERE expiry_unread IS NOT NULL AND status = 'open';

-- (2) SendGrid's event webhook is verified with public keys kept in the provider's settings (webhook_public_key and,
-- while one replaces the other, previous_webhook_public_key): each key's use is counted on a row of its own, role
-- 'public_key', found by the key's hint (its last characters), nothing sealed (the key is public), so the count follows
-- the key from one field to the other as it is rotated.
ALTER TABLE webhook_secrets DROP CONSTRAINT webhook_secrets_role_check;
ALTER TABLE webhook_secrets ADD CONSTRAINT webhook_secrets_role_check CHECK (role IN ('current', 'previous', 'public_key'));
ALTER TABLE webhook_secrets DROP CONSTRAINT webhook_secrets_check;
ALTER TABLE webhook_secrets ADD CONSTRAINT webhook_secrets_check CHECK (role IN ('current', 'public_key') OR sealed IS NOT NULL OR retired_at IS NOT NULL);
CREATE UNIQUE INDEX webhook_secrets_public_key ON webhook_secrets (org_id, provider, hint) WHERE role = 'public_key';
