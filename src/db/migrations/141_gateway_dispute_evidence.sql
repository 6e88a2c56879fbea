-- The evidence cobro answers a gateway dispute with (Stripe's dispute evidence, Adyen's defence): one row per dispute,
-- a draft staff fill in beside what cobro reads from its own records, then submitted once. `submitting` holds the row
-- while the gateway is called (a second submit is refused meanwhile; one left by a stopped process is taken again after
-- a few minutes), `submitted` for good. The files are in gateway_dispute_evidence_files (142).
CREATE TABLE gateway_dispute_evidence (
  org_id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('stripe', 'adyen')),
  dispute_id text NOT NULL,
  payment_ref text NOT NULL,
  customer_id text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitting', 'submitted')),
  -- the text staff write (field name -> text): explanation, product_description, service_date, ...
  fields jsonb NOT NULL DEFAULT '{}',
  -- Adyen: the defence reason chosen among those Adyen returned for the dispute
  defense_reason text,
  revision integer NOT NULL DEFAULT 0,
  submitting_at timestamptz,
  submitted_at timestamptz,
  submitted_by text,
  -- what the gateway answered last: Stripe's evidence_details, Adyen's disputeServiceResult
  gateway_reply jsonb,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (org_id, provider, dispute_id)
);
ALTER TABLE gateway_dispute_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON gateway_dispute_evidence USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
