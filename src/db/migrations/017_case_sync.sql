-- The worker's case sync, kept in proportion to what changed: per org, the horizon date up to which invoices have been
-- looked at for opening cases, the database time of the last sync (invoices changed since are looked at again), and the
-- last full pass over the ledger (a daily safety net).

CREATE TABLE case_sync (
  org_id text PRIMARY KEY,
  horizon date NOT NULL,
  synced_at timestamptz NOT NULL,
  full_at timestamptz NOT NULL
);

CREATE INDEX invoices_changed ON invoices (org_id, updated_at);
CREATE INDEX invoices_open_due ON invoices (org_id, due_date) WHERE balance > 0 AND NOT cancelled;
