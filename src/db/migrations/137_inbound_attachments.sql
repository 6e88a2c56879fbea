-- Files a debtor sends with a reply (a photo of a transfer receipt, a PDF) on WhatsApp (Meta's Cloud API, Twilio) or MMS:
-- one row per provider media id, written pending when the reply is applied and fetched later by the worker
-- (src/worker/inbound/attachment-fetch.ts). The bytes are kept in `data`, or sealed as base64 in `data_sealed` when the org
-- has field encryption on; never both. A refused file (too large, a type not allowed) keeps why, and no bytes.
CREATE TABLE inbound_attachments (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  inbound_id text NOT NULL,
  customer_id text,
  provider text NOT NULL,
  provider_media_id text NOT NULL,
  -- Twilio's MediaUrlN (Meta's media is found by its id)
  media_url text,
  declared_type text,
  filename text,
  status text NOT NULL CHECK (status IN ('pending', 'stored', 'refused', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  error text,
  content_type text,
  size integer,
  sha256 text,
  data bytea,
  data_sealed text,
  -- the claimed payment this file is the proof of (src/agent/claim-proof.ts)
  claim_id text,
  -- when the reply came (a claim takes as proof the files sent from a day before it was made)
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  fetched_at timestamptz,
  UNIQUE (org_id, provider, provider_media_id)
);
CREATE INDEX inbound_attachments_inbound ON inbound_attachments (org_id, inbound_id);
CREATE INDEX inbound_attachments_due ON inbound_attachments (org_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX inbound_attachments_customer ON inbound_attachments (org_id, customer_id);
CREATE INDEX inbound_attachments_claim ON inbound_attachments (org_id, claim_id) WHERE claim_id IS NOT NULL;
ALTER TABLE inbound_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON inbound_attachments USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
