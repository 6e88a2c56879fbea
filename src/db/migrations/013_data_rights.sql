-- Data rights and retention: erased and restricted customers, data-subject requests with their due dates, the hashed
-- addresses of erased people (never contacted again), each org's retention periods and legal identity, and the
-- statute-of-limitations date the gate reads for time-barred debts (US-9).

-- erased: personal data removed, the ledger's amounts kept; restricted: an erasure asked while a debt is live (EU-3)
ALTER TABLE customers ADD COLUMN erased_at timestamptz;
ALTER TABLE customers ADD COLUMN restricted_at timestamptz;

ALTER TABLE contact_profiles ADD COLUMN limitations_expires_at date;

CREATE TABLE data_requests (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  customer_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('access', 'erasure')),
  received_on date NOT NULL,
  due_on date NOT NULL,
  extended_to date,
  extension_reason text,
  status text NOT NULL CHECK (status IN ('open', 'restricted', 'completed')),
  outcome jsonb NOT NULL DEFAULT '{}',
  actor text NOT NULL,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id)
);
CREATE INDEX data_requests_customer ON data_requests (org_id, customer_id, created_at);

-- an erased person's emails and numbers, as keyed hashes: the gate refuses them for any customer of the org
CREATE TABLE suppressed_addresses (
  org_id text NOT NULL REFERENCES orgs(id),
  address_hash text NOT NULL,
  reason text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (org_id, address_hash)
);

CREATE TABLE compliance_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  retention jsonb NOT NULL DEFAULT '{}',
  company_address text,
  company_tax_id text,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  -- the worker purges once a day per org
  last_purge_at timestamptz
);
