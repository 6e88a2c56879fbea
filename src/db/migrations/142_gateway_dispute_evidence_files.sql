-- The files of a gateway dispute's evidence that staff attach (PDF, PNG or JPEG, checked by their bytes), each with the
-- slot it fills: a Stripe evidence field taking a file (receipt, customer_communication, service_documentation, ...) or
-- an Adyen defence document type code. The file id Stripe gave an upload is kept, so a submit tried again after a failure
-- does not upload it twice. cobro's own documents (the statement, the communication history) are made at submit, not kept.
CREATE TABLE gateway_dispute_evidence_files (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  provider text NOT NULL,
  dispute_id text NOT NULL,
  slot text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  data bytea NOT NULL,
  gateway_file_id text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  FOREIGN KEY (org_id, provider, dispute_id) REFERENCES gateway_dispute_evidence (org_id, provider, dispute_id)
);
CREATE INDEX gateway_dispute_evidence_files_dispute ON gateway_dispute_evidence_files (org_id, provider, dispute_id);
ALTER TABLE gateway_dispute_evidence_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON gateway_dispute_evidence_files USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
