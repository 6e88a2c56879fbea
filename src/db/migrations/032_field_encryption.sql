-- Field encryption (envelope keys): per org, data keys by version and one blind-index key, each wrapped by the master
-- key (COBRO_FIELD_KEY) and tagged with that key's id; the org's switch and the cursor of an interrupted re-encryption;
-- keyed hashes of customers' emails and numbers beside their ciphertext, so equality lookups work without the plaintext.

CREATE TABLE field_keys (
  org_id text NOT NULL REFERENCES orgs(id),
  version integer NOT NULL CHECK (version > 0),
  wrapped_key text NOT NULL,
  master_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, version)
);

CREATE TABLE field_encryption (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  enabled boolean NOT NULL DEFAULT false,
  -- the data key version new values are sealed with
  active_version integer,
  wrapped_index_key text NOT NULL,
  index_master_id text NOT NULL,
  -- a re-encryption in progress ('seal' after turning on or rotating, 'open' after turning off) and the last customer id done
  job text CHECK (job IN ('seal', 'open')),
  job_cursor text,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

ALTER TABLE customers ADD COLUMN email_bidx text, ADD COLUMN phone_bidx text, ADD COLUMN whatsapp_bidx text;
CREATE INDEX customers_email_bidx ON customers (org_id, email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX customers_phone_bidx ON customers (org_id, phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX customers_whatsapp_bidx ON customers (org_id, whatsapp_bidx) WHERE whatsapp_bidx IS NOT NULL;
