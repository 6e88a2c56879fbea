-- An older open payment link made stale (a newer checkout covers some of its invoices, or what its invoices owe fell below
-- its amount) is expired at the provider by the worker, outside the transaction that made it stale, with retries:
-- expire_state due (waiting for its turn at expire_next_at), done (the provider expired it), refused (it was paid at the
-- provider first), gave_up (the provider kept failing); expire_reason says what made it stale.
ALTER TABLE payment_links
  ADD COLUMN expire_state text CHECK (expire_state IN ('due', 'done', 'refused', 'gave_up')),
  ADD COLUMN expire_reason text,
  ADD COLUMN expire_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN expire_next_at timestamptz,
  ADD COLUMN expire_error text;
-- the worker's round: open links not yet marked (checked against their invoices), and marked links whose turn has come
CREATE INDEX payment_links_open ON payment_links (org_id) WHERE status = 'open' AND expire_state IS NULL;
CREATE INDEX payment_links_expire_due ON payment_links (org_id, expire_next_at) WHERE expire_state = 'due';
