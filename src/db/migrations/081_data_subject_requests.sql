-- Data-subject requests recorded as requests (EU-2 and the other countries' rules): when and from whom one came, how the
-- person's identity was checked, the statutory rule its due date follows, an extension told to the person with its
-- reason, a refusal with its reason, and what fulfilled it (the export, the erasure, the rectification) in `outcome`.
-- open -> extended -> fulfilled or refused; an erasure with a debt still live is restricted until the purge erases it.
ALTER TABLE data_requests DROP CONSTRAINT data_requests_kind_check;
ALTER TABLE data_requests ADD CONSTRAINT data_requests_kind_check CHECK (kind IN ('access', 'erasure', 'rectification'));
ALTER TABLE data_requests DROP CONSTRAINT data_requests_status_check;
UPDATE data_requests SET status = 'fulfilled' WHERE status = 'completed';
ALTER TABLE data_requests ADD CONSTRAINT data_requests_status_check
  CHECK (status IN ('open', 'extended', 'restricted', 'fulfilled', 'refused'));
ALTER TABLE data_requests
  ADD COLUMN received_at timestamptz,
  ADD COLUMN requester text,
  ADD COLUMN identity_check text,
  ADD COLUMN rule text,
  ADD COLUMN extension_told_on date,
  ADD COLUMN refusal_reason text,
  ADD COLUMN updated_at timestamptz;
-- the requests recorded before this were erasures dated by GDPR's month
UPDATE data_requests SET received_at = created_at, rule = 'GDPR', updated_at = coalesce(completed_at, created_at);
