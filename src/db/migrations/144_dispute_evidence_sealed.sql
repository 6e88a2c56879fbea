-- Field encryption over a gateway dispute's evidence: when the org has it on, the staff's text (gateway_dispute_evidence.fields)
-- is kept sealed in fields_sealed (bound to the row: provider:dispute_id) with fields left '{}', and a file's bytes are kept
-- sealed as base64 in data_sealed (bound to the file's id) with data null, as inbound_attachments are (137). The keys job
-- (src/vault/fields/evidence-fields.ts) seals what was kept in the clear, or opens it back when encryption is turned off.
ALTER TABLE gateway_dispute_evidence ADD COLUMN fields_sealed text;
ALTER TABLE gateway_dispute_evidence_files ALTER COLUMN data DROP NOT NULL;
ALTER TABLE gateway_dispute_evidence_files ADD COLUMN data_sealed text;
ALTER TABLE gateway_dispute_evidence_files ADD CONSTRAINT gateway_dispute_evidence_files_bytes CHECK (data IS NOT NULL OR data_sealed IS NOT NULL);
