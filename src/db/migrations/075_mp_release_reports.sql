-- R-6, Mercado Pago payouts: Mercado Pago sends no notification per payout, so its payouts and what each carried are read
-- from its release report (POST /v1/account/release_report for a period, generated asynchronously, then downloaded by
-- file name). One row per report cobro asked for: requested (waiting for Mercado Pago to generate it), stored (read, its
-- payouts kept in gateway_payouts and their lines in gateway_payout_transactions), failed (tried again from next_at).
CREATE TABLE mp_release_reports (
  org_id text NOT NULL REFERENCES orgs(id),
  id text NOT NULL,
  begin_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  -- Mercado Pago's id of the report and, once generated, its file
  mp_report_id text,
  file_name text,
  state text NOT NULL CHECK (state IN ('requested', 'stored', 'failed')),
  -- checks of a report still being generated, or failed tries, since it was asked for
  attempts integer NOT NULL DEFAULT 0,
  error text,
  -- when the worker looks again (null: not again)
  next_at timestamptz,
  -- worker, api, cli
  trigger text NOT NULL,
  payouts integer NOT NULL DEFAULT 0,
  transactions integer NOT NULL DEFAULT 0,
  -- the time of the last payout the report held: the worker's next report starts after it
  covered_to timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX mp_release_reports_open ON mp_release_reports (org_id, next_at) WHERE next_at IS NOT NULL;

ALTER TABLE mp_release_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON mp_release_reports USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
